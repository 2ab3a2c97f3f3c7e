// The reachability graph: the only code that talks to Cytoscape. The Blazor component ReachabilityGraph
// drives it (create, applyDelta, focus, highlight, select, fit, relayout, setTheme, setDrawing, dispose)
// and hears back through OnNodeTapped, OnEdgeTapped, OnBackgroundTapped, OnNodeToggled, OnNodesMoved
// and OnEdgeDrawn. Tests read what is drawn through window.policyEditorGraph (see the end of the file).
import cytoscape from "../lib/cytoscape/cytoscape.bundle.mjs";

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

function labelWidth(ele) {
  const lines = String(ele.data("label") ?? "").split("\n");
  return Math.max(...lines.map(l => l.length)) * 8.2 + 26;
}

function style(theme, large) {
  const c = palette[theme] ?? palette.light;
  return [
    { selector: "node", style: { "label": "data(label)", "font-size": 14, "color": c.text, "text-wrap": "wrap", "text-max-width": 220, "font-family": "Roboto, Helvetica Neue, Arial, sans-serif", "min-zoomed-font-size": 6 } },
    { selector: "node.namespace", style: { "shape": "round-rectangle", "background-color": c.nsFill, "background-opacity": 0.85, "border-color": c.nsBorder, "border-width": 1.5, "text-valign": "top", "text-halign": "center", "font-weight": 600, "font-size": 14, "padding": 20, "text-margin-y": -6, "corner-radius": 10 } },
    { selector: "node.namespace.collapsed", style: { "text-valign": "center", "width": labelWidth, "height": e => String(e.data("label")).includes("\n") ? 48 : 34, "padding": 0, "font-size": 13 } },
    { selector: "node.namespace.deny-ingress", style: { "border-width": 3, "border-color": colours.deny } },
    { selector: "node.namespace.deny-egress", style: { "border-width": 3, "border-color": colours.deny } },
    { selector: "node.namespace.deny-ingress.deny-egress", style: { "border-style": "double", "border-width": 6 } },
    { selector: "node.workload", style: { "shape": "round-rectangle", "width": labelWidth, "height": e => String(e.data("label")).includes("\n") ? 46 : 34, "background-color": c.node, "border-color": c.nodeBorder, "border-width": 1.5, "text-valign": "center", "text-halign": "center", "line-height": 1.25 } },
    { selector: "node.workload.open-ingress", style: { "border-color": colours.open, "border-style": "dashed", "border-width": 2.5 } },
    { selector: "node.outside", style: { "background-color": c.outside, "border-color": c.outsideBorder, "border-width": 2, "text-valign": "bottom", "text-margin-y": 5, "font-size": 12 } },
    { selector: "node.internet", style: { "shape": "ellipse", "width": 64, "height": 64, "background-image": "none" } },
    { selector: "node.external", style: { "shape": "hexagon", "width": 58, "height": 50 } },
    { selector: "node.externals", style: { "shape": "hexagon", "width": 72, "height": 60, "border-style": "double", "border-width": 5 } },
    { selector: "node.controller", style: { "shape": "diamond", "width": 58, "height": 58, "background-color": "#f3e8ff", "border-color": "#7e22ce" } },
    { selector: "node.special", style: { "shape": "hexagon", "width": 58, "height": 50, "background-color": "#ecfeff", "border-color": "#0e7490" } },
    { selector: "node.dns", style: { "shape": "tag", "width": 64, "height": 40, "background-color": "#fefce8", "border-color": "#a16207" } },
    { selector: "node:selected", style: { "border-color": c.selected, "border-width": 3.5, "border-style": "solid" } },
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
    ] : []),
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
// each other. They are packed in rows instead, in name order, shaped like the frame, an expanded
// namespace as a box of its workloads in a small grid; the focus then shows who talks to whom.
function overviewLayout(cy) {
  const gap = 26, pad = 22, head = 22;
  const items = cy.nodes().filter(n => !n.isChild()).sort((a, b) => overviewKey(a) < overviewKey(b) ? -1 : 1);
  const boxes = items.map(n => {
    if (!n.isParent()) return { n, w: n.outerWidth(), h: n.outerHeight() };
    const kids = n.children().sort((a, b) => a.id() < b.id() ? -1 : 1);
    const cols = Math.max(1, Math.ceil(Math.sqrt(kids.length * 1.5)));
    const cw = Math.max(...kids.map(k => k.outerWidth())) + 18, ch = Math.max(...kids.map(k => k.outerHeight())) + 18;
    return { n, kids, cols, cw, ch, w: cols * cw + 2 * pad, h: Math.ceil(kids.length / cols) * ch + 2 * pad + head };
  });
  const area = boxes.reduce((a, b) => a + (b.w + gap) * (b.h + gap), 0);
  const width = Math.max(Math.sqrt(area * Math.max(cy.width(), 1) / Math.max(cy.height(), 1)), Math.max(...boxes.map(b => b.w)));
  let x = 0, y = 0, row = 0;
  cy.batch(() => {
    for (const b of boxes) {
      if (x > 0 && x + b.w > width) { x = 0; y += row + gap; row = 0; }
      if (b.kids) {
        b.kids.forEach((k, i) => k.position({ x: x + pad + (i % b.cols) * b.cw + b.cw / 2, y: y + head + pad + Math.floor(i / b.cols) * b.ch + b.ch / 2 }));
      } else {
        b.n.position({ x: x + b.w / 2, y: y + b.h / 2 });
      }
      x += b.w + gap;
      row = Math.max(row, b.h);
    }
  });
}

function runLayout(entry, fit) {
  const cy = entry.cy;
  withSeed(entry.seed, () => {
    if (entry.overview) {
      overviewLayout(cy);
    } else {
      cy.layout({
        name: "fcose", quality: "proof", randomize: true, animate: false, fit: false, nodeDimensionsIncludeLabels: true, packComponents: true,
        nodeRepulsion: n => n.hasClass("outside") ? 20000 : 12000, idealEdgeLength: e => e.source().isParent() || e.target().isParent() ? 150 : 115,
        edgeElasticity: () => 0.3, nestingFactor: 0.5, gravity: 0.4, gravityCompound: 1.2, gravityRangeCompound: 1.5, nodeSeparation: 80,
        numIter: 4000, tile: true, tilingPaddingVertical: 40, tilingPaddingHorizontal: 40,
      }).run();
    }
  });
  applyPositions(entry, entry.positions);
  if (fit) cy.fit(undefined, 24);
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

  publish(entry, id);
  element.dataset.graphReady = "true";
  return id;
}

export function applyDelta(id, delta) {
  const entry = instances.get(id);
  if (!entry) return;
  const cy = entry.cy;
  const placed = [];
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
      if ((el.data("parent") ?? null) !== (n.parent ?? null)) el.move({ parent: n.parent ?? null });
    }

    for (const e of delta.updateEdges) {
      const el = cy.getElementById(e.id);
      if (el.nonempty()) { el.data({ label: e.label, title: e.title, pairs: e.pairs }); el.classes(e.classes); }
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
  reapplyFocus(entry);
  entry.version++;
  entry.element.dataset.graphVersion = String(entry.version);
}

export function setTheme(id, theme) { const e = instances.get(id); if (e) { e.theme = theme; e.cy.style(style(theme, e.large)); } }

export function fit(id) { const e = instances.get(id); if (e) e.cy.animate({ fit: { eles: e.cy.elements(), padding: 24 }, duration: 200 }); }

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

function reapplyFocus(entry) {
  const cy = entry.cy;
  cy.batch(() => {
    // Only what the last focus touched needs clearing (a full sweep costs on large graphs).
    if (entry.focused) { entry.focused.removeClass("dimmed peer lit labelled"); entry.focused = null; }
    if (!entry.focus) return;
    const n = cy.getElementById(entry.focus);
    if (n.empty()) return;
    // Edges of a namespace's box apply to every workload in it, so they count for its workloads too.
    const members = n.union(n.descendants());
    const subject = members.union(n.ancestors());
    const inbound = subject.incomers("edge").filter(x => !members.contains(x.source()));
    const outbound = subject.outgoers("edge").filter(x => !members.contains(x.target()));
    const inside = members.edgesWith(members);
    const edges = (entry.direction === "Ingress" ? inbound : entry.direction === "Egress" ? outbound : inbound.union(outbound)).union(inside);
    // A namespace box at the other end of an edge stands for all its workloads: they stay bright too.
    const peers = edges.connectedNodes().not(subject);
    const keep = subject.union(members).union(edges).union(peers).union(peers.ancestors()).union(peers.descendants());
    // On large graphs the edges not lit are faint already; dimming them too would only cost frames.
    const dimmed = (entry.large ? cy.nodes() : cy.elements()).not(keep);
    dimmed.addClass("dimmed");
    peers.addClass("peer");
    edges.addClass("lit");
    if (edges.length <= 60) edges.addClass("labelled");
    entry.focused = dimmed.union(peers).union(edges);
  });
}

export function highlight(id, nodeIds) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.batch(() => { e.cy.nodes().removeClass("match"); for (const n of nodeIds) e.cy.getElementById(n).addClass("match"); });
  const matched = e.cy.nodes(".match");
  if (matched.nonempty()) e.cy.animate({ ...readableFit(e.cy, matched.union(matched.ancestors()), 90), duration: 250 });
}

// The largest zoom up to a readable one (labels at about their normal size) that shows every element, centred on
// them: fitting one small node alone would blow it up until it fills the view.
const readableZoom = 1.2;
function readableFit(cy, eles, padding) {
  const bb = eles.boundingBox();
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

// Where a node (its centre) or an edge (its midpoint) is on the screen, to click it with a real mouse.
function renderedPosition(entry, id) {
  const el = entry.cy.getElementById(id);
  if (el.empty()) return null;
  const box = entry.cy.container().getBoundingClientRect();
  if (el.isEdge()) {
    const m = el.renderedMidpoint();
    return { x: box.left + m.x, y: box.top + m.y, w: 0, h: 0 };
  }

  // A namespace box is clicked just inside its border (its padding), not on a workload inside it.
  const p = el.renderedPosition();
  if (el.isParent()) {
    // Near the top-left corner, away from the edges that leave the workloads inside.
    const bb = el.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
    return { x: box.left + bb.x1 + 14, y: box.top + bb.y1 + 5, w: bb.w, h: bb.h };
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
    edge: edgeId => { const x = entry.cy.getElementById(edgeId); return x.empty() ? null : { id: x.id(), label: x.data("label"), classes: x.classes(), title: x.data("title") }; },
  };
}
