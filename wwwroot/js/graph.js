// The reachability graph: the only code that talks to Cytoscape. The Blazor component ReachabilityGraph
// drives it (create, applyDelta, focus, highlight, select, fit, relayout, setTheme, setDrawing, dispose)
// and hears back through OnNodeTapped, OnEdgeTapped, OnBackgroundTapped, OnNodeToggled, OnNodesMoved
// and OnEdgeDrawn. Tests read what is drawn through window.policyEditorGraph (see the end of the file).
import cytoscape from "../lib/cytoscape/cytoscape.bundle.mjs";
import { compactBoxes } from "./compact-layout.js";

const instances = new Map();
let nextId = 1;

export const colours = {
  tcp: "#2563eb", udp: "#9333ea", sctp: "#0d9488", mixed: "#4f46e5", all: "#94a3b8",
  added: "#16a34a", changed: "#d97706", blocked: "#dc2626", open: "#ea580c", deny: "#2563eb", warning: "#f59e0b",
  observed: "#22c55e", dropped: "#b45309",
};

const palette = {
  light: { text: "#0f172a", muted: "#475569", nsFill: "#f1f5f9", nsBorder: "#94a3b8", node: "#ffffff", nodeBorder: "#475569", labelBg: "#ffffff", outside: "#e0f2fe", outsideBorder: "#0284c7", selected: "#e11d48", all: "#94a3b8", faint: "#dfe5ec" },
  dark: { text: "#e2e8f0", muted: "#94a3b8", nsFill: "#172033", nsBorder: "#475569", node: "#0b1220", nodeBorder: "#94a3b8", labelBg: "#0b1220", outside: "#0c2a3d", outsideBorder: "#38bdf8", selected: "#fb7185", all: "#64748b", faint: "#2a3547" },
};

// A server (two rack units), drawn inside a host endpoint's node.
const hostIcon = "data:image/svg+xml;utf8," + encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='28' viewBox='0 0 40 28'><g fill='none' stroke='#334155' stroke-width='2'>"
  + "<rect x='2' y='2' width='36' height='10' rx='2'/><rect x='2' y='16' width='36' height='10' rx='2'/><path d='M20 7h12M20 21h12'/></g>"
  + "<g fill='#334155'><circle cx='8' cy='7' r='1.8'/><circle cx='8' cy='21' r='1.8'/></g></svg>");

// A node as wide as its label's longest line, measured in the node's font (a namespace's is bold), with room either side.
function labelWidth(ele) {
  measure.font = ele.hasClass("namespace") ? "600 13px Roboto, Helvetica Neue, Arial, sans-serif" : "14px Roboto, Helvetica Neue, Arial, sans-serif";
  const lines = String(ele.data("label") ?? "").split("\n");
  return Math.ceil(Math.max(...lines.map(l => measure.measureText(l).width))) + 30;
}

// A node as tall as its label's lines (a name, and the "anywhere" badges under it).
function labelHeight(ele) {
  return String(ele.data("label") ?? "").split("\n").length * 17 + 17;
}

function style(theme, large) {
  const c = palette[theme] ?? palette.light;
  // An edge drawn for both directions (ExplorerModel/ParallelEdges.cs) has its arrow at each end, in the same colour.
  return rules(theme, large, c).map(r => r.style["target-arrow-color"] && !r.style["source-arrow-color"] ? { ...r, style: { ...r.style, "source-arrow-color": r.style["target-arrow-color"] } } : r);
}

function rules(theme, large, c) {
  return [
    // Two empty background images, one inside the border and one over it: Cytoscape (3.34) counts an empty image of the
    // other containment as drawn in one of its two passes per node and not in the other, so a node with one empty image
    // flips its "backgrounding" state twice per draw and restyles itself, and a namespace box all its workloads, every
    // frame (that restyling took most of a click on REAL's overview). With one of each, both passes agree.
    { selector: "node", style: { "label": "data(label)", "font-size": 14, "color": c.text, "text-wrap": "wrap", "text-max-width": 220, "font-family": "Roboto, Helvetica Neue, Arial, sans-serif", "min-zoomed-font-size": 6,
      "background-image": ["none", "none"], "background-image-containment": ["inside", "over"] } },
    { selector: "node.namespace", style: { "text-max-width": 480, "shape": "round-rectangle", "background-color": c.nsFill, "background-opacity": 0.85, "border-color": c.nsBorder, "border-width": 1.5, "text-valign": "top", "text-halign": "center", "font-weight": 600, "font-size": 14, "padding": 14, "text-margin-y": -6, "corner-radius": 10 } },
    { selector: "node.namespace.collapsed", style: { "text-valign": "center", "width": labelWidth, "height": labelHeight, "padding": 0, "font-size": 13 } },
    { selector: "node.namespace.deny-ingress", style: { "border-width": 3, "border-color": colours.deny } },
    { selector: "node.namespace.deny-egress", style: { "border-width": 3, "border-color": colours.deny } },
    { selector: "node.namespace.deny-ingress.deny-egress", style: { "border-style": "double", "border-width": 6 } },
    // A group of namespaces on a large cluster's overview: a title that reads when the whole cluster is in view.
    { selector: "node.nsgroup", style: { "shape": "round-rectangle", "background-color": c.nsFill, "background-opacity": 0.35, "border-color": c.nsBorder, "border-width": 3, "border-style": "dashed",
      "text-valign": "top", "text-halign": "center", "font-size": groupFont, "font-weight": 700, "text-margin-y": -14, "padding": 22, "corner-radius": 18, "min-zoomed-font-size": 4, "text-max-width": 4000 } },
    { selector: "node.workload", style: { "shape": "round-rectangle", "width": labelWidth, "height": labelHeight, "background-color": c.node, "border-color": c.nodeBorder, "border-width": 1.5, "text-valign": "center", "text-halign": "center", "line-height": 1.25 } },
    { selector: "node.workload.open-ingress", style: { "border-color": colours.open, "border-style": "dashed", "border-width": 2.5 } },
    { selector: "node.outside", style: { "background-color": c.outside, "border-color": c.outsideBorder, "border-width": 2, "text-valign": "bottom", "text-margin-y": 5, "font-size": 12 } },
    { selector: "node.internet", style: { "shape": "ellipse", "width": 64, "height": 64 } },
    { selector: "node.external", style: { "shape": "hexagon", "width": 58, "height": 50 } },
    { selector: "node.externals", style: { "shape": "hexagon", "width": 72, "height": 60, "border-style": "double", "border-width": 5 } },
    { selector: "node.controller", style: { "shape": "diamond", "width": 58, "height": 58, "background-color": "#f3e8ff", "border-color": "#7e22ce" } },
    { selector: "node.special", style: { "shape": "hexagon", "width": 58, "height": 50, "background-color": "#ecfeff", "border-color": "#0e7490" } },
    // A Calico host endpoint (a node's interface): a barrel with a double border and a server drawn in it, unlike any box.
    { selector: "node.host-endpoint", style: { "shape": "barrel", "width": 70, "height": 44, "background-color": "#f1f5f9", "border-color": "#334155", "border-style": "double", "border-width": 4,
      "background-image": [hostIcon, "none"], "background-width": ["62%", "auto"], "background-height": ["62%", "auto"], "background-fit": ["none", "none"] } },
    { selector: "node.dns", style: { "shape": "tag", "width": 64, "height": 40, "background-color": "#fefce8", "border-color": "#a16207" } },
    { selector: "node.overview-top", style: { "font-size": e => e.data("topFont") ?? 13, "text-max-width": 900 } },
    { selector: "node.overview-top.outside", style: { "width": e => (e.data("topFont") ?? 13) * 3.75, "height": e => (e.data("topFont") ?? 13) * 3.75 } },
    { selector: "node.overview-top.namespace", style: { "width": e => labelWidth(e) * (e.data("topFont") ?? 13) / 13, "height": e => labelHeight(e) * (e.data("topFont") ?? 13) / 14 } },
    { selector: "node:selected", style: { "border-color": c.selected, "border-width": 3.5, "border-style": "solid" } },
    { selector: "node.host-endpoint:selected", style: { "border-style": "double", "border-width": 5 } },
    { selector: "node.match", style: { "underlay-color": "#facc15", "underlay-opacity": 0.6, "underlay-padding": 7, "underlay-shape": "round-rectangle" } },
    { selector: "node.peer", style: { "underlay-color": c.selected, "underlay-opacity": 0.18, "underlay-padding": 5 } },
    { selector: "edge", style: {
      "curve-style": large ? "straight" : "bezier", "control-point-step-size": 28, "target-arrow-shape": "triangle", "arrow-scale": 1, "width": 1.8,
      "line-color": c.all, "target-arrow-color": c.all, "label": "data(label)", "font-size": 12, "color": c.text,
      "text-background-color": c.labelBg, "text-background-opacity": 0.92, "text-background-padding": 2, "text-background-shape": "round-rectangle",
      "text-border-color": c.nsBorder, "text-border-width": 0.5, "text-border-opacity": 0.6, "min-zoomed-font-size": 8, "font-family": "Roboto, Helvetica Neue, Arial, sans-serif" } },
    { selector: "edge.tcp", style: { "line-color": colours.tcp, "target-arrow-color": colours.tcp } },
    { selector: "edge.udp", style: { "line-color": colours.udp, "target-arrow-color": colours.udp } },
    { selector: "edge.sctp", style: { "line-color": colours.sctp, "target-arrow-color": colours.sctp } },
    { selector: "edge.mixed", style: { "line-color": colours.mixed, "target-arrow-color": colours.mixed } },
    { selector: "edge.all", style: { "line-color": c.all, "target-arrow-color": c.all, "width": 1.4, "color": c.muted, "font-size": 11 } },
    // L7 rules (Cilium's http, kafka, dns) filter the traffic: a violet label border and a circle at the source end.
    { selector: "edge.l7", style: { "text-border-color": "#7c3aed", "text-border-width": 1.5, "text-border-opacity": 1, "source-arrow-shape": "circle", "source-arrow-color": "#7c3aed" } },
    { selector: "edge.bundle", style: { "width": 3, "arrow-scale": 1.1 } },
    { selector: "edge.all.bundle", style: { "width": 2.4 } },
    { selector: "edge.added", style: { "line-color": colours.added, "target-arrow-color": colours.added, "width": 3.2, "color": colours.added, "line-style": "solid" } },
    { selector: "edge.changed", style: { "line-color": colours.changed, "target-arrow-color": colours.changed, "width": 3.2, "color": colours.changed } },
    { selector: "edge.blocked", style: { "line-color": colours.blocked, "target-arrow-color": colours.blocked, "line-style": "dashed", "line-dash-pattern": [7, 4], "width": 3.2, "color": colours.blocked, "target-arrow-shape": "tee" } },
    // The intent view: declared calls by class (intended and allowed, intended but blocked, allowed but never intended).
    { selector: "edge.intent-allowed", style: { "line-color": colours.added, "target-arrow-color": colours.added, "width": 2.6, "color": colours.added } },
    { selector: "edge.intent-blocked", style: { "line-color": colours.blocked, "target-arrow-color": colours.blocked, "line-style": "dashed", "line-dash-pattern": [7, 4], "width": 3.2, "color": colours.blocked, "target-arrow-shape": "tee" } },
    { selector: "edge.intent-gap", style: { "line-color": colours.changed, "target-arrow-color": colours.changed, "line-style": "dotted", "width": 2.4, "color": colours.changed } },
    // Observed traffic (ExplorerModel/ObservedEdges.cs): a halo as wide as the volume, coloured by what the policies make of it;
    // allowed edges that saw no flow are drawn faint and dotted (candidates to tighten).
    { selector: "edge.observed", style: { "underlay-opacity": 0.35, "underlay-color": colours.observed, "underlay-padding": 3 } },
    { selector: "edge.obs-v2", style: { "underlay-padding": 5 } },
    { selector: "edge.obs-v3", style: { "underlay-padding": 7 } },
    { selector: "edge.obs-v4", style: { "underlay-padding": 9 } },
    { selector: "edge.obs-dropped", style: { "underlay-color": colours.dropped, "line-color": colours.dropped, "target-arrow-color": colours.dropped, "target-arrow-shape": "tee", "line-style": "dotted" } },
    { selector: "edge.obs-blocked", style: { "underlay-color": colours.blocked, "underlay-opacity": 0.5, "line-color": colours.blocked, "target-arrow-color": colours.blocked, "width": 4 } },
    { selector: "edge.unobserved", style: { "opacity": 0.45, "line-style": "dotted" } },
    { selector: "edge:selected", style: { "width": 4.5, "underlay-color": c.selected, "underlay-opacity": 0.25, "underlay-padding": 4, "z-index": 20 } },
    // Large graphs: every frame must stay cheap, so only the edges that matter now are drawn (those of the
    // focus, the selected one, the draft's changes); the others on request, as thin opaque lines without
    // arrows or labels, the cheapest kind.
    ...(large ? [
      { selector: "edge", style: { "display": "none", "curve-style": "haystack", "haystack-radius": 0, "line-color": c.faint, "target-arrow-shape": "none", "label": "", "width": 1, "opacity": 1 } },
      { selector: "edge.shown", style: { "display": "element" } },
      { selector: "edge.lit, edge:selected, edge.added, edge.changed, edge.blocked, edge.intent, edge.obs-blocked", style: { "display": "element", "curve-style": "straight", "target-arrow-shape": "triangle", "arrow-scale": 0.9, "width": 1.8, "z-index": 10 } },
      ...["tcp", "udp", "sctp", "mixed"].map(p => ({ selector: `edge.lit.${p}`, style: { "line-color": colours[p], "target-arrow-color": colours[p] } })),
      { selector: "edge.lit.all", style: { "line-color": c.all, "target-arrow-color": c.all } },
      ...["added", "changed", "blocked"].map(k => ({ selector: `edge.${k}`, style: { "line-color": colours[k], "target-arrow-color": colours[k] } })),
      ...[["intent-allowed", "added"], ["intent-gap", "changed"], ["intent-blocked", "blocked"]].map(([k, c]) => ({ selector: `edge.${k}`, style: { "line-color": colours[c], "target-arrow-color": colours[c] } })),
      { selector: "edge.labelled, edge:selected", style: { "label": "data(label)" } },
      // Between groups of namespaces: one edge with counts, drawn and labelled at the overview (faint while a node is in focus).
      { selector: "edge.group-bundle", style: { "display": "element", "curve-style": "bezier", "control-point-step-size": 60, "target-arrow-shape": "triangle", "arrow-scale": 2.2, "width": 5, "line-opacity": 0.75, "z-index": 5,
        "label": "data(label)", "font-size": groupEdgeFont, "min-zoomed-font-size": 5, "text-background-opacity": 1, "text-background-padding": 4 } },
      ...["tcp", "udp", "sctp", "mixed", "all"].map(p => ({ selector: `edge.group-bundle.${p}`, style: { "line-color": p === "all" ? c.all : colours[p], "target-arrow-color": p === "all" ? c.all : colours[p] } })),
      { selector: "edge.group-bundle.dimmed", style: { "opacity": 0.06, "label": "" } },
      { selector: "edge.group-bundle.near", style: { "opacity": 0.12, "width": 2, "arrow-scale": 1 } },
    ] : []),
    // Labels that would cover another label or a node are left out (see declutter); hovering or selecting the edge shows its label.
    { selector: "edge.quiet", style: { "label": "" } },
    { selector: "edge.hover, edge.quiet:selected", style: { "label": "data(label)", "z-index": 30, "text-background-opacity": 1 } },
    // Large graphs draw most edges as haystacks, which take no arrows: only the edges drawn in full get the second one.
    { selector: large ? "edge.both-ways.lit, edge.both-ways:selected" : "edge.both-ways", style: { "source-arrow-shape": "triangle" } },
    { selector: "edge.merged-away", style: { "display": "none" } },
    { selector: "edge.merged-away:selected", style: { "display": "element" } },
    { selector: "node.badge.workload", style: { "text-background-opacity": 0 } },
    { selector: ".dimmed", style: { "opacity": 0.12, "text-opacity": 0.2 } },
    { selector: "edge.dimmed", style: { "label": "", "opacity": 0.07 } },
    { selector: ".eh-handle", style: { "background-color": c.selected, "width": 12, "height": 12, "shape": "ellipse", "overlay-opacity": 0, "border-width": 0, "label": "" } },
    { selector: ".eh-ghost-edge, .eh-preview", style: { "line-color": c.selected, "target-arrow-color": c.selected, "line-style": "dashed", "label": "" } },
  ];
}

function toElements(nodes, edges) {
  return [
    ...nodes.map(n => ({ group: "nodes", data: { id: n.id, label: n.label, parent: n.parent ?? undefined, kind: n.kind, title: n.title }, classes: n.classes })),
    ...edges.map(e => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label, title: e.title, pairs: e.pairs }, classes: e.classes })),
  ];
}

// The same input must give the same picture: fcose draws random numbers, so it gets a seeded stream.
function seeded(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function hash(text) { let h = 2166136261; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; }

function withSeed(seed, run) {
  const original = Math.random;
  Math.random = seeded(seed);
  try { run(); } finally { Math.random = original; }
}

// The order of an overview: outside nodes first, then namespaces by name.
function overviewKey(n) {
  return (n.hasClass("outside") ? "0 " : "1 ") + n.id();
}

// Overviews of large clusters (namespaces collapsed) are dense: a force layout piles namespaces onto
// each other. They are packed in rows instead, in name order, shaped like the frame: each box (a group of
// namespaces, an expanded namespace) holds its children packed the same way, under its title; the focus
// then shows who talks to whom.
const overviewGap = 26, overviewPad = 22;
// A group's title (and its edges' labels) grow with the group, to read at the zoom that shows it whole.
function groupFont(n) { return n.hasClass("nsgroup") ? Math.min(72, Math.max(24, 9 * Math.sqrt(n.children().length))) : 24; }
// As large as the groups' titles: at the zoom that shows the whole cluster, a smaller label (7 px) could not be read.
function groupEdgeFont(e) { return Math.round(Math.max(groupFont(e.source()), groupFont(e.target()))); }
function titleRoom(n) { return n.hasClass("nsgroup") ? groupFont(n) * 1.45 : 22; }
function titleWidth(n) {
  if (!n.hasClass("nsgroup")) return 0;
  measure.font = `700 ${groupFont(n)}px Roboto, Helvetica Neue, Arial, sans-serif`;
  return measure.measureText(n.data("label")).width + 24;
}

function measureBox(n) {
  if (!n.isParent()) { const bb = n.boundingBox({ includeLabels: true, includeOverlays: false }); return { n, w: Math.max(n.outerWidth(), bb.w), h: Math.max(n.outerHeight(), bb.h) }; }
  const kids = n.children().sort((a, b) => overviewKey(a) < overviewKey(b) ? -1 : 1).map(measureBox);
  const inner = packRows(kids, n.hasClass("nsgroup") ? 1.5 : 1.6, n.hasClass("nsgroup") ? 16 : 18);
  return { n, kids, w: Math.max(inner.w + 2 * overviewPad, titleWidth(n)), h: inner.h + 2 * overviewPad + titleRoom(n) };
}

// Places boxes in rows; each box gets x, y (its top-left corner) and the rows' extent is returned. Of the row
// widths tried, the one whose result fills a frame of the given aspect (width / height) best wins.
function packRows(boxes, aspect, gap) {
  const pack = width => {
    let x = 0, y = 0, row = 0, w = 0;
    for (const b of boxes) {
      if (x > 0 && x + b.w > width) { x = 0; y += row + gap; row = 0; }
      b.x = x; b.y = y;
      x += b.w + gap; w = Math.max(w, x - gap); row = Math.max(row, b.h);
    }
    return { w, h: y + row };
  };
  const area = boxes.reduce((a, b) => a + (b.w + gap) * (b.h + gap), 0);
  const base = Math.sqrt(area * aspect), widest = Math.max(...boxes.map(b => b.w));
  let best = null;
  for (let f = 0.5; f <= 2.5; f += 0.1) {
    const width = Math.max(base * f, widest);
    const r = pack(width);
    const scale = Math.min(aspect / Math.max(r.w, 1), 1 / Math.max(r.h, 1));
    if (!best || scale > best.scale * 1.0001) best = { width, scale };
  }
  return pack(best.width);
}

function placeBox(b, x, y) {
  if (!b.kids) { b.n.position({ x: x + b.w / 2, y: y + b.h / 2 }); return; }
  for (const k of b.kids) placeBox(k, x + overviewPad + k.x, y + titleRoom(b.n) + overviewPad + k.y);
}

function overviewLayout(cy) {
  const boxes = cy.nodes().filter(n => !n.isChild()).sort((a, b) => overviewKey(a) < overviewKey(b) ? -1 : 1).map(measureBox);
  packRows(boxes, Math.max(cy.width(), 1) / Math.max(cy.height(), 1), overviewGap);
  cy.batch(() => boxes.forEach(b => placeBox(b, b.x, b.y)));
}

// On an overview with groups of namespaces, what stands beside the groups (the internet, the ingress
// controller, a namespace no group holds) is drawn as large as the groups' titles, to be seen at the same zoom.
function markOverviewTop(cy) {
  const groups = cy.nodes(".nsgroup");
  const font = groups.nonempty() ? Math.max(...groups.map(groupFont)) : 0;
  cy.nodes().forEach(n => { n.toggleClass("overview-top", font > 0 && !n.isChild() && !n.isParent()); if (font > 0) n.data("topFont", font); });
}

// The view a fit left: while the user has not zoomed or panned since, a frame that changes size (window, side panel,
// wide mode) fits the graph to it again.
function fitWhole(entry) {
  entry.cy.viewport(readableFit(entry.cy, entry.cy.elements(), fitPadding));
  rememberFit(entry);
}

function rememberFit(entry) {
  const pan = entry.cy.pan();
  entry.fitted = { zoom: entry.cy.zoom(), x: pan.x, y: pan.y };
}

function stillFitted(entry) {
  const f = entry.fitted, pan = entry.cy.pan();
  return !!f && Math.abs(entry.cy.zoom() - f.zoom) < 1e-9 && Math.abs(pan.x - f.x) < 0.5 && Math.abs(pan.y - f.y) < 0.5;
}

// Edge labels are 11 and 12 px and drawn from 8 px up: from the first zoom some can be read, from the second all.
const labelsDrawn = 8 / 12, labelsReadable = 0.75;

// A frame that changed size: fit the graph again, but a graph whose labels could be read must not shrink them out of
// reach to fit a smaller frame (below the zoom it had, or the one where all are readable); it stays at that zoom,
// centred, and the user pans to what is out of view. An overview too large to read labels on is fitted whole.
function refit(entry) {
  const cy = entry.cy, before = cy.zoom();
  cy.viewport(readableFit(cy, cy.elements(), fitPadding));
  const floor = before >= labelsDrawn ? Math.min(before, labelsReadable) : 0;
  if (cy.zoom() < floor) {
    cy.zoom(floor);
    cy.center();
  }

  rememberFit(entry);
  declutter(entry);
}

// The margin a fit leaves around the drawing, in pixels.
const fitPadding = 16;

// Room between the boxes of a compacted drawing (see compact-layout.js): boxes an edge joins keep room for the edge
// and its label (as wide as the widest label beside each other, as tall as a label above each other); others less.
const nearGap = 22, edgeGap = 40;

// The graph's frame on a 1280x800 screen (less with a lesson's wider side panel), and the zoom at which its 12 px edge
// labels read at about 11 px: a small graph is compacted until it fits such a frame (or the one it has, if smaller) at
// that zoom, departing from the force layout no further than it must.
const laptopFrame = { width: 738, height: 480 }, laptopZoom = 0.93;

// A small graph's namespaces and the nodes outside them slide together (each namespace with its workloads, packed the
// same way first), so the drawing fits a laptop's frame at a zoom where its labels read. Each try allows more freedom
// (inside the namespaces, then at the top): the first that fits wins, else the one that comes nearest.
function compact(cy) {
  const frame = { width: Math.min(cy.width() || laptopFrame.width, laptopFrame.width), height: Math.min(cy.height() || laptopFrame.height, laptopFrame.height) };
  const leaves = cy.nodes().filter(n => !n.isParent());
  const start = leaves.map(n => ({ ...n.position() }));
  const restore = positions => cy.batch(() => leaves.forEach((n, i) => n.position(positions[i])));
  let best = null;
  for (const [inside, top, shape] of [[0, 0, 1], [1, 1, 1], [1, 2, 1], [1, 1, 0.6], [1, 2, 0.6], [2, 2, 1], [2, 2, 0.6]]) {
    restore(start);
    compactLevel(cy, null, frame.width / frame.height, inside, top, shape);
    const bb = cy.elements().boundingBox(drawn);
    const zoom = Math.min((frame.width - 2 * fitPadding) / bb.w, (frame.height - 2 * fitPadding) / bb.h);
    if (zoom >= laptopZoom) return;
    if (!best || zoom > best.zoom) best = { zoom, positions: leaves.map(n => ({ ...n.position() })) };
  }

  restore(best.positions);
}

function compactLevel(cy, parent, aspect, inside, top, shape) {
  const items = parent ? parent.children() : cy.nodes().filter(n => !n.isChild());
  items.filter(n => n.isParent()).forEach(n => compactLevel(cy, n, aspect * shape, inside, top, 1));
  // Beyond a few dozen boxes the drawing cannot fit a laptop's frame readably anyway, and the tries grow as their cube.
  if (items.length < 2 || items.length > 40) return;
  const members = items.map(n => n.union(n.descendants()));
  const boxes = items.map(n => {
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
    return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, w: b.w, h: b.h };
  });
  const gap = (i, j) => {
    const labels = members[i].edgesWith(members[j]).map(e => { measure.font = `${labelSize(e)}px Roboto, Helvetica Neue, Arial, sans-serif`; return measure.measureText(e.data("label") ?? "").width; });
    return labels.length === 0 ? { x: nearGap, y: nearGap, linked: false } : { x: Math.max(edgeGap, Math.min(160, Math.max(...labels)) + 16), y: edgeGap, linked: true };
  };
  // Inside a namespace, workloads move off the edges between others (at the top, boxes are few and such edges rare).
  const centres = compactBoxes(boxes, aspect, gap, parent ? 0 : fitPadding, parent ? inside : top, !!parent);
  cy.batch(() => items.forEach((n, i) => members[i].filter(x => !x.isParent()).shift({ x: centres[i].x - boxes[i].x, y: centres[i].y - boxes[i].y })));
}

function runLayout(entry, fit) {
  const cy = entry.cy;
  if (entry.overview) markOverviewTop(cy);
  withSeed(entry.seed, () => {
    if (entry.overview) {
      overviewLayout(cy);
    } else {
      cy.layout({
        name: "fcose", quality: "proof", randomize: true, animate: false, fit: false, nodeDimensionsIncludeLabels: true, packComponents: true,
        nodeRepulsion: n => n.hasClass("outside") ? 9000 : 6000, idealEdgeLength: e => e.source().isParent() || e.target().isParent() ? 110 : 85,
        edgeElasticity: () => 0.3, nestingFactor: 0.5, gravity: 1.5, gravityRange: 2.5, gravityCompound: 1.2, gravityRangeCompound: 1.5, nodeSeparation: 80,
        numIter: 4000, tile: true, tilingPaddingVertical: 40, tilingPaddingHorizontal: 40,
      }).run();
      compact(cy);
    }
  });
  applyPositions(entry, entry.positions);
  entry.obstacles = null;
  if (fit) fitWhole(entry);
  declutter(entry);
}

// Edge labels never pile up: in order of importance (selected, focused, the draft's changes, edges standing for many
// pairs, specific ports before "all"), a label is shown only where it covers no label already shown and no node;
// an edge between the same two nodes as another with the same label leaves it to that one. Hovering or selecting
// an edge shows its label anyway. Runs after each layout, change, focus and zoom.
const measure = document.createElement("canvas").getContext("2d");
function labelPriority(e) {
  return (e.selected() ? 1000 : 0) + (e.hasClass("lit") ? 500 : 0) + (e.hasClass("added") || e.hasClass("changed") || e.hasClass("blocked") ? 200 : 0)
    + (e.hasClass("bundle") ? 50 : 0) + (e.hasClass("all") ? 0 : 20) + Math.min(40, e.data("pairs") ?? 1);
}

function overlaps(a, list) {
  for (const b of list) if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) return true;
  return false;
}

function labelSize(e) { return e.hasClass("group-bundle") ? groupEdgeFont(e) : e.hasClass("all") ? 11 : 12; }

// What labels must not cover: the boxes of the nodes (with their labels) and of the namespaces' titles. They change
// with the layout, a delta, a drag or the theme, not with a focus or a zoom, so they are measured once (in the
// graph's coordinates) and scaled to the view: measuring every node at every focus took most of a click on REAL.
function obstacles(entry) {
  const cy = entry.cy;
  if (!entry.obstacles) {
    const box = b => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, w: b.w });
    entry.obstacles = {
      nodes: cy.nodes().filter(n => !n.isParent() && n.visible()).map(n => box(n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false }))),
      titles: cy.nodes().filter(n => n.isParent()).map(n => box(n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false }))).filter(b => b.w > 0),
    };
  }

  const z = cy.zoom(), p = cy.pan();
  const view = b => ({ x1: b.x1 * z + p.x, y1: b.y1 * z + p.y, x2: b.x2 * z + p.x, y2: b.y2 * z + p.y });
  return { nodes: entry.obstacles.nodes.map(view), titles: entry.obstacles.titles.map(view) };
}

function declutter(entry) {
  const cy = entry.cy;
  const zoom = cy.zoom();
  // Large graphs label only the edges of the focus and those between groups of namespaces.
  const candidates = entry.large ? cy.edges(".group-bundle, .labelled, :selected") : cy.edges();
  // Labels too small to read (below 8 px) are left out; those between groups of namespaces also step aside once the namespaces themselves can be read.
  const readable = e => labelSize(e) * zoom >= 8 && !(e.hasClass("group-bundle") && labelSize(e) * zoom > 24);
  cy.batch(() => cy.edges(".group-bundle").forEach(e => e.toggleClass("near", labelSize(e) * zoom > 24)));
  candidates.filter(e => e.hasClass("group-bundle") && !readable(e)).addClass("quiet");
  const edges = candidates.filter(e => e.visible() && !e.hasClass("dimmed") && !e.hasClass("eh-preview") && e.data("label") && readable(e))
    .sort((a, b) => labelPriority(b) - labelPriority(a));
  if (edges.empty()) return;
  const { nodes, titles } = obstacles(entry);
  const placed = [...nodes, ...titles];
  const said = new Set();
  cy.batch(() => edges.forEach(e => {
    const label = e.data("label");
    const key = [e.source().id(), e.target().id()].sort().join(" ") + " " + label;
    let quiet = said.has(key);
    if (!quiet) {
      const size = labelSize(e);
      measure.font = `${size}px Roboto, Helvetica Neue, Arial, sans-serif`;
      const w = (measure.measureText(label).width + 6) * zoom, h = (size + 6) * zoom;
      const m = e.renderedMidpoint();
      const box = { x1: m.x - w / 2, x2: m.x + w / 2, y1: m.y - h / 2, y2: m.y + h / 2 };
      // Edges that end inside a node's box lie under it: only other labels count for them.
      // Edges between groups run over the namespaces inside them, but their labels stand only where they cover no
      // namespace (nor what stands beside the groups): across a group's rows of boxes and their edges they could not be read.
      // The draft's changes keep their labels over a node or a title (only other labels count): they are what the user
      // is looking at.
      const change = e.hasClass("added") || e.hasClass("changed") || e.hasClass("blocked");
      quiet = overlaps(box, placed.slice(nodes.length + (change ? titles.length : 0)))
        || (!change && !e.selected() && overlaps(box, nodes));
      if (!quiet) { placed.push(box); said.add(key); }
    }
    e.toggleClass("quiet", quiet && !e.selected());
  }));
  entry.zoomDecluttered = zoom;
}

function applyPositions(entry, positions) {
  entry.cy.batch(() => {
    for (const [id, p] of Object.entries(positions)) {
      const n = entry.cy.getElementById(id);
      if (n.nonempty() && !n.isParent()) n.position({ x: p.x, y: p.y });
    }
  });
}

export function create(element, dotnet, model, options) {
  const id = nextId++;
  const large = !!model.large;
  const cy = cytoscape({
    container: element, elements: toElements(model.nodes, model.edges), style: style(options.theme, large),
    minZoom: 0.03, maxZoom: 3, boxSelectionEnabled: false, selectionType: "single",
    textureOnViewport: large, hideEdgesOnViewport: large, pixelRatio: large ? 1 : "auto",
  });
  const entry = { cy, dotnet, element, theme: options.theme, large, overview: !!model.collapsed, seed: hash(options.seed ?? "policyeditor"), positions: { ...(options.positions ?? {}) }, drawing: null, focus: null, direction: "Both", version: 0 };
  instances.set(id, entry);
  runLayout(entry, true);

  cy.on("tap", "node", e => dotnet.invokeMethodAsync("OnNodeTapped", e.target.id()));
  cy.on("tap", "edge", e => { if (!e.target.hasClass("eh-preview")) dotnet.invokeMethodAsync("OnEdgeTapped", e.target.id()); });
  cy.on("tap", e => { if (e.target === cy) dotnet.invokeMethodAsync("OnBackgroundTapped"); });
  cy.on("dbltap", "node.collapsed, node.namespace.expanded, node.externals", e => dotnet.invokeMethodAsync("OnNodeToggled", e.target.id()));
  cy.on("dragfree", "node", e => {
    const moved = {};
    e.target.union(e.target.descendants()).forEach(n => {
      if (!n.isParent()) { const p = n.position(); moved[n.id()] = entry.positions[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) }; }
    });
    dotnet.invokeMethodAsync("OnNodesMoved", moved);
  });
  cy.on("mouseover", "node, edge", e => { element.title = e.target.data("title") ?? ""; });
  cy.on("mouseout", "node, edge", () => { element.title = ""; });
  cy.on("mouseover", "edge", e => e.target.addClass("hover"));
  cy.on("mouseout", "edge", e => e.target.removeClass("hover"));
  cy.on("viewport", () => { clearTimeout(entry.declutterTimer); entry.declutterTimer = setTimeout(() => { if (instances.has(id) && cy.zoom() !== entry.zoomDecluttered) declutter(entry); }, 150); });
  cy.on("dragfree", "node", () => declutter(entry));
  cy.on("add remove position data", () => { entry.obstacles = null; });

  // The frame changes size with the window and the side panel's handle: the drawing follows.
  entry.resizer = new ResizeObserver(() => {
    const again = stillFitted(entry);
    cy.resize();
    if (again) {
      clearTimeout(entry.refitTimer);
      entry.refitTimer = setTimeout(() => { if (instances.has(id) && stillFitted(entry)) refit(entry); }, 100);
    }
  });
  entry.resizer.observe(element);

  publish(entry, id);
  element.dataset.graphReady = "true";
  return id;
}

export function applyDelta(id, delta) {
  const entry = instances.get(id);
  if (!entry) return;
  const cy = entry.cy;
  const placed = [];
  // Elements whose classes the delta sets lose the focus's (see reapplyFocus).
  const restyled = [];
  cy.batch(() => {
    cy.remove(cy.collection(delta.removeEdges.map(x => cy.getElementById(x)).filter(e => e.nonempty())));
    for (const nid of delta.removeNodes) {
      const n = cy.getElementById(nid);
      if (n.nonempty()) { n.children().move({ parent: null }); cy.remove(n); }
    }

    for (const n of delta.updateNodes) {
      const el = cy.getElementById(n.id);
      if (el.empty()) continue;
      el.data({ label: n.label, title: n.title, kind: n.kind });
      el.classes(n.classes);
      restyled.push(el[0]);
      if ((el.data("parent") ?? null) !== (n.parent ?? null)) el.move({ parent: n.parent ?? null });
    }

    for (const e of delta.updateEdges) {
      const el = cy.getElementById(e.id);
      if (el.nonempty()) { el.data({ label: e.label, title: e.title, pairs: e.pairs }); el.classes(e.classes); restyled.push(el[0]); }
    }

    // New nodes appear where they belong without moving the others: workloads in a small grid where
    // their (just expanded) namespace was, outside nodes left of the drawing. Positions the user chose win.
    const added = toElements(delta.addNodes, []);
    const box = cy.elements().boundingBox();
    const siblings = new Map();
    for (const a of added) {
      if (entry.positions[a.data.id]) { a.position = { ...entry.positions[a.data.id] }; continue; }
      const parent = a.data.parent ? cy.getElementById(a.data.parent) : null;
      if (parent && parent.nonempty()) {
        const k = siblings.get(a.data.parent) ?? 0;
        siblings.set(a.data.parent, k + 1);
        const columns = Math.max(2, Math.ceil(Math.sqrt(delta.addNodes.filter(x => x.parent === a.data.parent).length)));
        const p = parent.position();
        a.position = { x: p.x + (k % columns) * 130 - (columns - 1) * 65, y: p.y + Math.floor(k / columns) * 70 };
      } else {
        const k = placed.length;
        a.position = Number.isFinite(box.x1) ? { x: box.x1 - 140, y: box.y1 + 90 * k } : { x: 0, y: 90 * k };
        placed.push(a.data.id);
      }
    }
    cy.add(added);
    const edges = cy.add(toElements([], delta.addEdges));
    if (entry.showAll) edges.addClass("shown");
  });

  // An overview's grid is cheap and has room only where the layout makes it: lay it out again.
  if (entry.overview && (delta.addNodes.length > 0 || delta.removeNodes.length > 0)) {
    runLayout(entry, false);
    // A namespace just expanded in an overview: show its workloads at a readable size.
    const expanded = [...new Set(delta.addNodes.filter(n => n.parent).map(n => n.parent))];
    if (expanded.length === 1) {
      const ns = entry.cy.getElementById(expanded[0]);
      if (ns.nonempty()) { entry.cy.stop(); entry.cy.animate({ ...readableFit(entry.cy, ns, 60), duration: 250 }); }
    }
  }
  if (delta.large !== entry.large) { entry.large = delta.large; entry.cy.style(style(entry.theme, entry.large)); }
  entry.restyled = cy.collection(restyled);
  entry.obstacles = null;
  reapplyFocus(entry);
  entry.version++;
  entry.element.dataset.graphVersion = String(entry.version);
}

export function setTheme(id, theme) { const e = instances.get(id); if (e) { e.theme = theme; e.cy.style(style(theme, e.large)); e.obstacles = null; } }

export function fit(id) { const e = instances.get(id); if (e) e.cy.animate({ ...readableFit(e.cy, e.cy.elements(), fitPadding), duration: 200, complete: () => rememberFit(e) }); }

export function zoom(id, factor) {
  const e = instances.get(id);
  if (!e) return;
  const cy = e.cy;
  cy.animate({ zoom: { level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }, duration: 150 });
}

// Large graphs: draw every edge, or only those that matter now.
export function showAllEdges(id, show) {
  const e = instances.get(id);
  if (!e) return;
  e.showAll = show;
  e.cy.batch(() => e.cy.edges().toggleClass("shown", show));
}

export function relayout(id) { const e = instances.get(id); if (e) { e.positions = {}; runLayout(e, true); } }

export function select(id, elementId) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.elements().unselect();
  const el = e.cy.getElementById(elementId);
  if (el.nonempty()) {
    el.select();
    declutter(e);
    const target = el.isEdge() ? el.connectedNodes() : el;
    e.cy.animate({ center: { eles: target }, duration: 200 });
  }
}

// Focus: the node, what it reaches and what reaches it stay bright; with a direction, only one of those.
export function focus(id, nodeId, direction) {
  const e = instances.get(id);
  if (!e) return;
  e.focus = nodeId;
  e.direction = direction ?? "Both";
  reapplyFocus(e);
}

// The peers an "anywhere" badge stands for (its edges are not drawn, see GraphModelBuilder.OpenBadges.cs): a node
// reached from anywhere is reached by every address and every workload whose egress is open, and so on.
function badgePeers(entry, members) {
  const cy = entry.cy;
  if (entry.large) return cy.collection();
  const has = (x, c) => x.hasClass(c) || x.parent().hasClass(c);
  const address = x => x.is(".internet, .external, .externals");
  const freeSource = x => x.hasClass("open-egress") || address(x);
  const freeTarget = x => x.hasClass("open-ingress") || address(x);
  const leaves = cy.nodes().filter(x => !x.isParent());
  const ingress = entry.direction !== "Egress", egress = entry.direction !== "Ingress";
  let peers = cy.collection();
  members.filter(x => !x.isParent()).forEach(m => {
    if (ingress && has(m, "any-in")) peers = peers.union(leaves.filter(freeSource));
    if (egress && has(m, "any-out")) peers = peers.union(leaves.filter(freeTarget));
    if (egress && freeSource(m)) peers = peers.union(leaves.filter(x => has(x, "any-in")));
    if (ingress && freeTarget(m)) peers = peers.union(leaves.filter(x => has(x, "any-out")));
  });
  return peers;
}

// The classes a focus gives (see reapplyFocus), each with the elements that carry it.
const focusClasses = ["dimmed", "peer", "lit", "labelled"];

function focusSets(entry) {
  const cy = entry.cy;
  const none = Object.fromEntries(focusClasses.map(c => [c, cy.collection()]));
  const n = entry.focus ? cy.getElementById(entry.focus) : cy.collection();
  if (n.empty()) return none;
  // Edges of a namespace's box apply to every workload in it, so they count for its workloads too.
  const members = n.union(n.descendants());
  const subject = members.union(n.ancestors());
  const inbound = subject.incomers("edge").filter(x => !members.contains(x.source()));
  const outbound = subject.outgoers("edge").filter(x => !members.contains(x.target()));
  const inside = members.edgesWith(members);
  const edges = (entry.direction === "Ingress" ? inbound : entry.direction === "Egress" ? outbound : inbound.union(outbound)).union(inside);
  // A namespace box at the other end of an edge stands for all its workloads: they stay bright too.
  const peers = edges.connectedNodes().not(subject).union(badgePeers(entry, members)).not(subject);
  const keep = subject.union(members).union(edges).union(peers).union(peers.ancestors()).union(peers.descendants());
  // On large graphs the edges not lit are faint already; dimming them too would only cost frames.
  const dimmed = (entry.large ? cy.nodes().union(cy.edges(".group-bundle")) : cy.elements()).not(keep);
  return { dimmed, peer: peers, lit: edges, labelled: edges.length <= 60 ? edges : cy.collection() };
}

// Only the elements whose classes change are touched: each class change restyles its element, and from one
// focus to the next on a large overview most nodes stay dimmed (restyling them all took most of a click).
function reapplyFocus(entry) {
  const cy = entry.cy;
  const next = focusSets(entry);
  const before = entry.focused;
  cy.batch(() => {
    for (const c of focusClasses) {
      // Elements a delta gave new classes to have lost this one: they count as not having it.
      const had = before ? before[c].filter(x => !x.removed()).not(entry.restyled ?? cy.collection()) : cy.collection();
      had.not(next[c]).removeClass(c);
      next[c].not(had).addClass(c);
    }
  });
  entry.focused = next;
  entry.restyled = null;
  declutter(entry);
}

export function highlight(id, nodeIds) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.batch(() => { e.cy.nodes().removeClass("match"); for (const n of nodeIds) e.cy.getElementById(n).addClass("match"); });
  const matched = e.cy.nodes(".match");
  // A match is shown with its namespace's box, not with the group of namespaces around it (that would be a zoom too far out to read).
  if (matched.nonempty()) e.cy.animate({ ...readableFit(e.cy, matched.union(matched.ancestors().not(".nsgroup")), 90), duration: 250 });
}

// The largest zoom up to a readable one (labels at about their normal size) that shows every element, centred on
// them: fitting one small node alone would blow it up until it fills the view.
const readableZoom = 1.2;
// What a fit shows: the elements with their labels, not the overlay a node shows only while pressed.
const drawn = { includeOverlays: false };
function readableFit(cy, eles, padding) {
  const bb = eles.boundingBox(drawn);
  const fit = Math.min((cy.width() - 2 * padding) / Math.max(bb.w, 1), (cy.height() - 2 * padding) / Math.max(bb.h, 1));
  const zoom = Math.max(cy.minZoom(), Math.min(readableZoom, fit));
  const cx = bb.x1 + bb.w / 2, cy0 = bb.y1 + bb.h / 2;
  return { zoom, pan: { x: cy.width() / 2 - zoom * cx, y: cy.height() / 2 - zoom * cy0 } };
}

// Review sessions: what each other person has selected, outlined in that person's colour.
export function markPeers(id, marks) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.batch(() => {
    for (const old of e.peerMarks ?? []) e.cy.getElementById(old).removeStyle("underlay-color underlay-opacity underlay-padding");
    e.peerMarks = [];
    for (const m of marks) {
      const el = e.cy.getElementById(m.element);
      if (el.empty()) continue;
      el.style({ "underlay-color": m.color, "underlay-opacity": 0.5, "underlay-padding": 9 });
      e.peerMarks.push(m.element);
    }
  });
}

// Drawing (issue 7): drag from the handle on a node to another node to propose an edge.
export function setDrawing(id, enabled) {
  const e = instances.get(id);
  if (!e) return;
  if (enabled && !e.drawing) {
    e.drawing = e.cy.edgehandles({ canConnect: (s, t) => s.id() !== t.id(), edgeParams: () => ({ classes: "eh-preview" }), hoverDelay: 100, snap: true });
    e.cy.on("ehcomplete", (evt, source, target, added) => { added.remove(); e.dotnet.invokeMethodAsync("OnEdgeDrawn", source.id(), target.id()); });
    e.drawing.enableDrawMode();
  } else if (!enabled && e.drawing) {
    e.drawing.disableDrawMode(); e.drawing.destroy(); e.drawing = null; e.cy.removeListener("ehcomplete");
  }
}

export function dispose(id) {
  const e = instances.get(id);
  if (!e) return;
  e.resizer?.disconnect();
  e.cy.destroy();
  instances.delete(id);
}

// Test hooks: what is drawn, without pixels.
function snapshot(entry) {
  return {
    version: entry.version,
    focus: entry.focus,
    zoom: entry.cy.zoom(),
    nodes: entry.cy.nodes().map(n => ({ id: n.id(), label: n.data("label"), kind: n.data("kind"), parent: n.data("parent") ?? null, classes: n.classes() })),
    edges: entry.cy.edges().filter(x => !x.hasClass("eh-preview")).map(x => ({ id: x.id(), source: x.data("source"), target: x.data("target"), label: x.data("label"), pairs: x.data("pairs"), classes: x.classes() })),
  };
}

// Where a node (its centre) or an edge (its midpoint) is on the screen, to click it with a real mouse: a point of the
// element that no other covers, as a person would pick it.
function renderedPosition(entry, id) {
  const el = entry.cy.getElementById(id);
  if (el.empty()) return null;
  const box = entry.cy.container().getBoundingClientRect();
  if (el.isEdge()) {
    // The midpoint, or else a point along the edge outside every node (an edge may pass under a node it does not join).
    const m = el.renderedMidpoint(), a = el.renderedSourceEndpoint(), b = el.renderedTargetEndpoint();
    const nodes = entry.cy.nodes().filter(n => !n.isParent() && n.visible()).map(n => n.renderedBoundingBox({ includeLabels: true, includeOverlays: false }));
    const free = p => !nodes.some(r => p.x >= r.x1 && p.x <= r.x2 && p.y >= r.y1 && p.y <= r.y2);
    const along = t => ({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
    const p = [m, ...[0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(along)].find(free) ?? m;
    return { x: box.left + p.x, y: box.top + p.y, w: 0, h: 0 };
  }

  // A namespace box is grabbed just inside its border (its padding), not on a workload inside it, at the corner farthest
  // from the edges that leave it.
  const p = el.renderedPosition();
  if (el.isParent()) {
    const bb = el.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
    const lines = el.union(el.descendants()).connectedEdges().map(e => [e.renderedSourceEndpoint(), e.renderedTargetEndpoint()]);
    const distance = (q, [a, b]) => {
      const dx = b.x - a.x, dy = b.y - a.y, t = Math.max(0, Math.min(1, ((q.x - a.x) * dx + (q.y - a.y) * dy) / ((dx * dx + dy * dy) || 1)));
      return Math.hypot(q.x - a.x - t * dx, q.y - a.y - t * dy);
    };
    const corners = [{ x: bb.x1 + 14, y: bb.y1 + 5 }, { x: bb.x2 - 14, y: bb.y1 + 5 }, { x: bb.x1 + 14, y: bb.y2 - 5 }, { x: bb.x2 - 14, y: bb.y2 - 5 }];
    const clearance = q => Math.min(Infinity, ...lines.map(l => distance(q, l)));
    const q = corners.reduce((best, c) => clearance(c) > clearance(best) + 0.5 ? c : best);
    return { x: box.left + q.x, y: box.top + q.y, w: bb.w, h: bb.h };
  }

  return { x: box.left + p.x, y: box.top + p.y, w: el.renderedWidth(), h: el.renderedHeight() };
}

function publish(entry, id) {
  window.policyEditorGraph = {
    snapshot: () => instances.has(id) ? snapshot(entry) : null,
    position: nodeId => instances.has(id) ? renderedPosition(entry, nodeId) : null,
    // The elements outlined for other people in a review session.
    peerMarks: () => instances.has(id) ? [...(entry.peerMarks ?? [])] : [],
    // True while draw mode is on (a drag from a node draws an edge).
    drawing: () => instances.has(id) && !!entry.drawing,
    // Brings a node into view at the current zoom, as a user panning to it would.
    reveal: nodeId => { const n = entry.cy.getElementById(nodeId); if (n.empty()) return false; entry.cy.stop(); entry.cy.center(n); return true; },
    // The rendered boxes of the edge labels drawn now (those left out to avoid overlaps, or too small to read, are not).
    labels: () => !instances.has(id) ? [] : entry.cy.edges().filter(e => e.visible() && !e.hasClass("quiet") && !e.hasClass("dimmed") && e.style("label") && labelSize(e) * entry.cy.zoom() >= 8)
      .map(e => { const b = e.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false }); return { id: e.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }; })
      .filter(b => b.x2 > b.x1),
    // Where the drawing lies in the frame now, in rendered pixels, with the frame's size.
    extent: () => { if (!instances.has(id)) return null; const b = entry.cy.elements().renderedBoundingBox(); return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, width: entry.cy.width(), height: entry.cy.height(), zoom: entry.cy.zoom() }; },
    // The rendered boxes of every node with its label (a namespace's with its title), in the frame's pixels.
    nodes: () => !instances.has(id) ? [] : entry.cy.nodes(":visible").map(n => { const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false }); return { id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }; }),
    // How a node is drawn: its shape, border style and background image ("none" for none).
    look: nodeId => { const n = entry.cy.getElementById(nodeId); return n.empty() ? null : { shape: n.style("shape"), border: n.style("border-style"), image: String(n.style("background-image")) }; },
    edge: edgeId => { const x = entry.cy.getElementById(edgeId); return x.empty() ? null : { id: x.id(), label: x.data("label"), classes: x.classes(), title: x.data("title") }; },
  };
}
