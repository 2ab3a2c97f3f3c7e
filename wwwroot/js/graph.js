// The reachability graph: the only code that talks to Cytoscape. The Blazor component
// ReachabilityGraph drives it through create/applyDelta/focus/... and hears back through
// OnNodeTapped, OnEdgeTapped, OnBackgroundTapped, OnNodeMoved, OnNamespaceToggled and OnEdgeDrawn.
import cytoscape from "../lib/cytoscape/cytoscape.bundle.mjs";

const instances = new Map();
let nextId = 1;

const palette = {
  light: { text: "#1f2937", muted: "#6b7280", nsFill: "#f1f5f9", nsBorder: "#94a3b8", node: "#ffffff", nodeBorder: "#334155", labelBg: "#ffffff" },
  dark: { text: "#e5e7eb", muted: "#9ca3af", nsFill: "#1e293b", nsBorder: "#475569", node: "#0f172a", nodeBorder: "#cbd5e1", labelBg: "#111827" },
};

function style(theme) {
  const c = palette[theme] ?? palette.light;
  return [
    { selector: "node", style: { "label": "data(label)", "font-size": 11, "color": c.text, "text-wrap": "ellipsis", "text-max-width": 120, "font-family": "Inter, Roboto, sans-serif" } },
    { selector: "node.namespace", style: { "shape": "round-rectangle", "background-color": c.nsFill, "background-opacity": 0.9, "border-color": c.nsBorder, "border-width": 1.5, "text-valign": "top", "text-halign": "center", "font-weight": 600, "font-size": 12, "padding": 18, "text-margin-y": -4 } },
    { selector: "node.namespace.collapsed", style: { "text-valign": "center", "width": 120, "height": 46, "text-max-width": 110 } },
    { selector: "node.namespace.deny-ingress", style: { "border-width": 3, "border-color": "#2563eb" } },
    { selector: "node.namespace.deny-egress", style: { "border-style": "double", "border-width": 5 } },
    { selector: "node.namespace.warning", style: { "underlay-color": "#f59e0b", "underlay-opacity": 0.25, "underlay-padding": 4 } },
    { selector: "node.workload", style: { "shape": "round-rectangle", "width": 92, "height": 34, "background-color": c.node, "border-color": c.nodeBorder, "border-width": 1.5, "text-valign": "center", "text-halign": "center", "text-max-width": 86 } },
    { selector: "node.workload.open-ingress", style: { "border-color": "#ea580c", "border-style": "dashed", "border-width": 2.5 } },
    { selector: "node.internet", style: { "shape": "ellipse", "width": 70, "height": 70, "background-color": "#0ea5e9", "background-opacity": 0.18, "border-color": "#0284c7", "border-width": 2, "text-valign": "bottom", "text-margin-y": 4 } },
    { selector: "node.external", style: { "shape": "hexagon", "width": 62, "height": 48, "background-color": "#0ea5e9", "background-opacity": 0.12, "border-color": "#0284c7", "border-width": 1.5, "text-valign": "bottom", "text-margin-y": 4 } },
    { selector: "node.controller", style: { "shape": "diamond", "width": 58, "height": 58, "background-color": "#a855f7", "background-opacity": 0.18, "border-color": "#7e22ce", "border-width": 2, "text-valign": "bottom", "text-margin-y": 4 } },
    { selector: "node:selected", style: { "border-color": "#f43f5e", "border-width": 3.5 } },
    { selector: "node.match", style: { "underlay-color": "#facc15", "underlay-opacity": 0.55, "underlay-padding": 6 } },
    { selector: "node.peer", style: { "border-color": "#f59e0b", "border-width": 3 } },
    { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.9, "width": 1.6, "line-color": "#64748b", "target-arrow-color": "#64748b", "label": "data(label)", "font-size": 9, "color": c.muted, "text-background-color": c.labelBg, "text-background-opacity": 0.85, "text-background-padding": 2, "text-rotation": "autorotate", "min-zoomed-font-size": 7 } },
    { selector: "edge.tcp", style: { "line-color": "#2563eb", "target-arrow-color": "#2563eb" } },
    { selector: "edge.udp", style: { "line-color": "#9333ea", "target-arrow-color": "#9333ea" } },
    { selector: "edge.sctp", style: { "line-color": "#0d9488", "target-arrow-color": "#0d9488" } },
    { selector: "edge.mixed", style: { "line-color": "#4f46e5", "target-arrow-color": "#4f46e5" } },
    { selector: "edge.all", style: { "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "width": 1.1, "opacity": 0.7, "label": "" } },
    { selector: "edge.added", style: { "line-color": "#16a34a", "target-arrow-color": "#16a34a", "width": 3 } },
    { selector: "edge.changed", style: { "line-color": "#d97706", "target-arrow-color": "#d97706", "width": 3 } },
    { selector: "edge.blocked", style: { "line-color": "#dc2626", "target-arrow-color": "#dc2626", "line-style": "dashed", "width": 3, "color": "#dc2626" } },
    { selector: "edge:selected", style: { "width": 4, "overlay-color": "#f43f5e", "overlay-opacity": 0.2 } },
    { selector: ".dimmed", style: { "opacity": 0.12 } },
    { selector: ".hidden-label", style: { "label": "" } },
    { selector: ".eh-handle", style: { "background-color": "#f43f5e", "width": 10, "height": 10, "shape": "ellipse", "overlay-opacity": 0, "border-width": 0 } },
    { selector: ".eh-ghost-edge, .eh-preview", style: { "line-color": "#f43f5e", "target-arrow-color": "#f43f5e", "line-style": "dashed", "label": "" } },
  ];
}

function toElements(model) {
  const nodes = model.nodes.map(n => ({ group: "nodes", data: { id: n.id, label: n.label, parent: n.parent ?? undefined, kind: n.kind, title: n.title }, classes: n.classes.join(" ") }));
  const edges = model.edges.map(e => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label, title: e.title }, classes: e.classes.join(" ") }));
  return [...nodes, ...edges];
}

// Layout must be the same for the same input: fcose draws random numbers, so feed it a seeded stream.
function seeded(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function hash(text) { let h = 2166136261; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; }

function runLayout(entry, fit) {
  const cy = entry.cy;
  const fixed = cy.nodes().filter(n => entry.positions[n.id()] && !n.isParent()).map(n => ({ nodeId: n.id(), position: entry.positions[n.id()] }));
  const original = Math.random;
  Math.random = seeded(entry.seed);
  try {
    cy.layout({
      name: "fcose", quality: "default", randomize: true, animate: false, fit, padding: 30, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 26000, idealEdgeLength: () => 170, edgeElasticity: () => 0.2, nestingFactor: 0.15, gravity: 0.12, gravityCompound: 1.2, nodeSeparation: 110,
      numIter: cy.nodes().length > 800 ? 600 : 2500, tile: true, fixedNodeConstraint: fixed.length > 0 ? fixed : undefined,
    }).run();
  } finally {
    Math.random = original;
  }
}

export function create(element, dotnet, model, options) {
  const id = nextId++;
  const cy = cytoscape({
    container: element, elements: toElements(model), style: style(options.theme), wheelSensitivity: 0.25, minZoom: 0.05, maxZoom: 3,
    boxSelectionEnabled: false, selectionType: "single", textureOnViewport: model.nodes.length > 400, hideEdgesOnViewport: model.edges.length > 1500,
  });
  const entry = { cy, dotnet, seed: hash(options.seed ?? "policyeditor"), positions: options.positions ?? {}, drawing: null };
  instances.set(id, entry);
  runLayout(entry, true);

  cy.on("tap", "node", e => dotnet.invokeMethodAsync("OnNodeTapped", e.target.id()));
  cy.on("tap", "edge", e => dotnet.invokeMethodAsync("OnEdgeTapped", e.target.id()));
  cy.on("tap", e => { if (e.target === cy) dotnet.invokeMethodAsync("OnBackgroundTapped"); });
  cy.on("dbltap", "node.namespace", e => dotnet.invokeMethodAsync("OnNamespaceToggled", e.target.id().substring(3)));
  cy.on("dragfree", "node", e => {
    const moved = {};
    e.target.union(e.target.descendants()).forEach(n => { if (!n.isParent()) { const p = n.position(); moved[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) }; entry.positions[n.id()] = moved[n.id()]; } });
    dotnet.invokeMethodAsync("OnNodesMoved", moved);
  });

  window.policyEditorGraph = { snapshot: () => snapshot(id), position: nodeId => renderedPosition(id, nodeId) };
  element.dataset.graphReady = "true";
  return id;
}

export function applyDelta(id, delta) {
  const entry = instances.get(id);
  if (!entry) return;
  const cy = entry.cy;
  cy.batch(() => {
    cy.remove(delta.removeEdges.map(x => cy.getElementById(x)).filter(e => e.nonempty()).reduce((a, b) => a.union(b), cy.collection()));
    for (const nid of delta.removeNodes) { const n = cy.getElementById(nid); if (n.nonempty()) { n.children().move({ parent: null }); cy.remove(n); } }
    for (const n of delta.updateNodes) {
      const el = cy.getElementById(n.id);
      if (el.empty()) continue;
      el.data({ label: n.label, title: n.title });
      el.classes(n.classes.join(" "));
      if ((el.data("parent") ?? null) !== (n.parent ?? null)) el.move({ parent: n.parent ?? null });
    }
    for (const e of delta.updateEdges) { const el = cy.getElementById(e.id); if (el.nonempty()) { el.data({ label: e.label, title: e.title }); el.classes(e.classes.join(" ")); } }
  });
  const added = toElements({ nodes: delta.addNodes, edges: [] });
  if (added.length > 0) {
    // New nodes start beside their parent (or the centre) so the layout moves little.
    for (const a of added) {
      const parent = a.data.parent ? cy.getElementById(a.data.parent) : null;
      const base = parent && parent.nonempty() ? parent.position() : { x: 0, y: 0 };
      const r = seeded(hash(a.data.id))();
      a.position = { x: base.x + 60 * Math.cos(r * 6.28), y: base.y + 60 * Math.sin(r * 6.28) };
    }
    cy.add(added);
  }
  cy.add(toElements({ nodes: [], edges: delta.addEdges }));
  if (added.length > 0 || delta.removeNodes.length > 0) runLayout(entry, false);
  reapplyFocus(entry);
}

export function setTheme(id, theme) { const e = instances.get(id); if (e) e.cy.style(style(theme)); }

export function fit(id) { const e = instances.get(id); if (e) e.cy.fit(undefined, 30); }

export function relayout(id) { const e = instances.get(id); if (e) { e.positions = {}; runLayout(e, true); } }

export function select(id, elementId) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.elements().unselect();
  const el = e.cy.getElementById(elementId);
  if (el.nonempty()) { el.select(); if (!e.cy.extent || el.isNode()) e.cy.animate({ center: { eles: el }, duration: 200 }); }
}

// Focus: only the node, its neighbours and the edges between them stay bright.
export function focus(id, nodeId) { const e = instances.get(id); if (!e) return; e.focus = nodeId; reapplyFocus(e); }

function reapplyFocus(entry) {
  const cy = entry.cy;
  cy.batch(() => {
    cy.elements().removeClass("dimmed peer");
    if (!entry.focus) return;
    const n = cy.getElementById(entry.focus);
    if (n.empty()) return;
    const members = n.union(n.descendants());
    const edges = members.connectedEdges();
    const keep = members.union(edges).union(edges.connectedNodes()).union(edges.connectedNodes().ancestors()).union(members.ancestors());
    cy.elements().not(keep).addClass("dimmed");
    edges.connectedNodes().not(members).addClass("peer");
  });
}

export function highlight(id, nodeIds) {
  const e = instances.get(id);
  if (!e) return;
  e.cy.batch(() => { e.cy.nodes().removeClass("match"); for (const n of nodeIds) e.cy.getElementById(n).addClass("match"); });
  const matched = e.cy.nodes(".match");
  if (matched.nonempty()) e.cy.animate({ fit: { eles: matched, padding: 80 }, duration: 250 });
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

// Test hook: what is drawn, without pixels.
export function snapshot(id) {
  const e = instances.get(id ?? [...instances.keys()].pop());
  if (!e) return null;
  return {
    nodes: e.cy.nodes().map(n => ({ id: n.id(), label: n.data("label"), parent: n.data("parent") ?? null, classes: n.classes() })),
    edges: e.cy.edges().filter(x => !x.hasClass("eh-preview")).map(x => ({ id: x.id(), source: x.data("source"), target: x.data("target"), label: x.data("label"), classes: x.classes() })),
  };
}

// Test hook: a node's position on screen, to drive a real mouse drag.
export function renderedPosition(id, nodeId) {
  const e = instances.get(id ?? [...instances.keys()].pop());
  const n = e?.cy.getElementById(nodeId);
  if (!n || n.empty()) return null;
  const box = e.cy.container().getBoundingClientRect();
  const p = n.renderedPosition();
  return { x: box.left + p.x, y: box.top + p.y, w: n.renderedWidth(), h: n.renderedHeight() };
}

export function dispose(id) { const e = instances.get(id); if (e) { e.cy.destroy(); instances.delete(id); } }
