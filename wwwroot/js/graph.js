// The reachability graph: the only code that talks to Cytoscape. The Blazor component ReachabilityGraph
// drives it (create, applyDelta, focus, highlight, select, fit, relayout, setTheme, setDrawing, dispose)
// and hears back through OnNodeTapped, OnEdgeTapped, OnBackgroundTapped, OnNodeToggled, OnNodesMoved
// and OnEdgeDrawn. Tests read what is drawn through window.policyEditorGraph (see the end of the file).
import cytoscape from "../lib/cytoscape/cytoscape.bundle.mjs";

const instances = new Map();
let nextId = 1;

// Above this many edges the graph draws straight edges and skips edges while panning.
const manyEdges = 700;

export const colours = {
  tcp: "#2563eb", udp: "#9333ea", sctp: "#0d9488", mixed: "#4f46e5", all: "#94a3b8",
  added: "#16a34a", changed: "#d97706", blocked: "#dc2626", open: "#ea580c", deny: "#2563eb", warning: "#f59e0b",
};

const palette = {
  light: { text: "#0f172a", muted: "#475569", nsFill: "#f1f5f9", nsBorder: "#94a3b8", node: "#ffffff", nodeBorder: "#475569", labelBg: "#ffffff", outside: "#e0f2fe", outsideBorder: "#0284c7", selected: "#e11d48", all: "#94a3b8" },
  dark: { text: "#e2e8f0", muted: "#94a3b8", nsFill: "#172033", nsBorder: "#475569", node: "#0b1220", nodeBorder: "#94a3b8", labelBg: "#0b1220", outside: "#0c2a3d", outsideBorder: "#38bdf8", selected: "#fb7185", all: "#64748b" },
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
    { selector: "node.namespace.collapsed", style: { "text-valign": "center", "width": labelWidth, "height": e => String(e.data("label")).includes("\n") ? 52 : 38, "font-size": 12 } },
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
    { selector: "edge.bundle", style: { "width": 3, "arrow-scale": 1.1 } },
    { selector: "edge.all.bundle", style: { "width": 2.4 } },
    { selector: "edge.added", style: { "line-color": colours.added, "target-arrow-color": colours.added, "width": 3.2, "color": colours.added, "line-style": "solid" } },
    { selector: "edge.changed", style: { "line-color": colours.changed, "target-arrow-color": colours.changed, "width": 3.2, "color": colours.changed } },
    { selector: "edge.blocked", style: { "line-color": colours.blocked, "target-arrow-color": colours.blocked, "line-style": "dashed", "line-dash-pattern": [7, 4], "width": 3.2, "color": colours.blocked, "target-arrow-shape": "tee" } },
    { selector: "edge:selected", style: { "width": 4.5, "underlay-color": c.selected, "underlay-opacity": 0.25, "underlay-padding": 4, "z-index": 20 } },
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

function runLayout(entry, fit) {
  const cy = entry.cy;
  const count = cy.nodes().length;
  withSeed(entry.seed, () => {
    if (count > 400) {
      // Large overviews: fcose's fast spectral pass alone; the full force pass would hold the page for seconds.
      cy.layout({ name: "fcose", quality: "draft", randomize: true, animate: false, fit: false, nodeDimensionsIncludeLabels: false, packComponents: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, tile: true }).run();
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

function isLarge(cy) { return cy.edges().length > manyEdges || cy.nodes().length > 400; }

export function create(element, dotnet, model, options) {
  const id = nextId++;
  const large = model.edges.length > manyEdges || model.nodes.length > 400;
  const cy = cytoscape({
    container: element, elements: toElements(model.nodes, model.edges), style: style(options.theme, large),
    minZoom: 0.03, maxZoom: 3, boxSelectionEnabled: false, selectionType: "single",
    textureOnViewport: large, hideEdgesOnViewport: large, pixelRatio: large ? 1 : "auto",
  });
  const entry = { cy, dotnet, element, theme: options.theme, large, seed: hash(options.seed ?? "policyeditor"), positions: { ...(options.positions ?? {}) }, drawing: null, focus: null, direction: "Both", version: 0 };
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
    cy.add(toElements([], delta.addEdges));
  });

  const large = isLarge(cy);
  if (large !== entry.large) { entry.large = large; cy.style(style(entry.theme, large)); }
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
    cy.elements().removeClass("dimmed peer");
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
    cy.elements().not(keep).addClass("dimmed");
    peers.addClass("peer");
  });
}

export function highlight(id, nodeIds) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.batch(() => { e.cy.nodes().removeClass("match"); for (const n of nodeIds) e.cy.getElementById(n).addClass("match"); });
  const matched = e.cy.nodes(".match");
  if (matched.nonempty()) e.cy.animate({ fit: { eles: matched.union(matched.ancestors()), padding: 90 }, duration: 250 });
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

  // A namespace box is clicked on its label strip, not on a workload inside it.
  const p = el.renderedPosition();
  const y = el.isParent() ? p.y - el.renderedHeight() / 2 + 6 : p.y;
  return { x: box.left + p.x, y: box.top + y, w: el.renderedWidth(), h: el.renderedHeight() };
}

function publish(entry, id) {
  window.policyEditorGraph = {
    snapshot: () => instances.has(id) ? snapshot(entry) : null,
    position: nodeId => instances.has(id) ? renderedPosition(entry, nodeId) : null,
    edge: edgeId => { const x = entry.cy.getElementById(edgeId); return x.empty() ? null : { id: x.id(), label: x.data("label"), classes: x.classes(), title: x.data("title") }; },
  };
}
