// Compaction of a small graph's drawing (graph.js runs it after the force layout): the force layout leaves wide empty
// bands between namespaces and parks what has no drawn edge (the internet, an address only badges name) far away, so
// the whole drawing fits a laptop's frame only at a zoom too small to read. Here the boxes (namespaces with their
// titles, nodes outside them with their labels) slide towards the middle of the drawing until they keep just a gap
// from their neighbours, keeping the order of any two boxes that face each other; the drawing is first stretched
// along one axis when sliding along the other then gives it the frame's shape. Pure geometry: boxes in, centres out.

// Of two arrangements whose drawings fit the frame at zooms within this ratio, the one nearer the force layout wins.
const tie = 1.03;

// How much smaller a drawing may be to avoid one edge through a box (where it can be neither read nor clicked).
const crossingCost = 0.2;

// Stretches tried: none, then along x (a tall drawing for a wide frame) or along y (a wide one for a tall frame).
const stretches = [1, 1.4, 2, 3];

/**
 * New centres for boxes { x, y, w, h } (centre and size), so that the drawing is about as small as the gaps allow and
 * fits a frame of the given aspect (width / height) at the largest zoom. `gap(i, j)` is the room { x, y, linked } to
 * keep between boxes i and j side by side (x) or one above the other (y), and whether an edge joins them; `padding` is
 * the frame's margin at zoom 1. `freedom` says how far the arrangement may depart from the force layout's: 0 only
 * slides boxes together, 1 also stretches the drawing first, 2 also tries rows; `clear` moves boxes off edges. Boxes no edge joins to another keep no
 * place of their own in the force layout: they go where they make the drawing largest in the frame, near its middle.
 * Returns an array of { x, y } in the boxes' order.
 */
export function compactBoxes(boxes, aspect, gap, padding = 0, freedom = 2, clear = false) {
  if (boxes.length < 2) return boxes.map(b => ({ x: b.x, y: b.y }));
  const gaps = boxes.map((_, i) => boxes.map((_, j) => i === j ? null : gap(i, j)));
  const all = boxes.map((b, i) => ({ ...b, i }));
  const linked = all.filter(b => gaps[b.i].some(g => g?.linked));
  const free = all.filter(b => !gaps[b.i].some(g => g?.linked)).sort((a, c) => c.w * c.h - a.w * a.h || a.i - c.i);
  let best = null;
  const consider = items => {
    const placed = items.map(b => ({ ...b }));
    for (const b of free) placed.push(placeFree(placed, b, gaps, aspect, padding));
    // An edge through a box it does not join reads as if it joined it: each one costs as much as a smaller drawing.
    const zoom = fitZoom(placed, aspect, padding) / (1 + crossingCost * crossings(placed, gaps));
    if (!best || zoom > best.zoom * tie) best = { zoom, items: placed.sort((a, c) => a.i - c.i) };
  };
  for (const k of freedom > 0 ? stretches : [1]) {
    for (const along of ["x", "y"]) {
      const other = along === "x" ? "y" : "x";
      const items = linked.map(b => ({ ...b, [along]: b[along] * k }));
      // Stretched along one axis, the boxes first slide along the other (beside each other), then along both again.
      for (const axis of k === 1 ? [along, other, along] : [other, along, other]) slide(items, axis, gaps);
      consider(items);
    }
  }

  if (freedom > 1 && linked.length > 1) for (const items of rowings(linked, gaps)) consider(items);
  // A box an edge between two others runs through (the force layout may put three in a line) steps aside: such an edge
  // reads as if it joined the box, and a click on it hits the box or the other edge.
  if (clear) clearEdges(best.items, gaps);
  // The drawing keeps its middle where it was, so that a namespace packed inside stays where its neighbours expect it.
  const middle = list => [list.reduce((m, b) => Math.min(m, b.x - b.w / 2), Infinity) + list.reduce((m, b) => Math.max(m, b.x + b.w / 2), -Infinity),
    list.reduce((m, b) => Math.min(m, b.y - b.h / 2), Infinity) + list.reduce((m, b) => Math.max(m, b.y + b.h / 2), -Infinity)].map(v => v / 2);
  const [fx, fy] = middle(boxes), [tx, ty] = middle(best.items);
  return best.items.map(b => ({ x: b.x - tx + fx, y: b.y - ty + fy }));
}

// A box no edge joins, placed beside one of the boxes placed so far (each side, aligned at either end or the middle)
// where it overlaps none and the drawing fits the frame largest; of equal ones, the nearest the drawing's middle.
function placeFree(placed, b, gaps, aspect, padding) {
  if (placed.length === 0) return { ...b, x: 0, y: 0 };
  const cx = placed.reduce((s, p) => s + p.x, 0) / placed.length, cy = placed.reduce((s, p) => s + p.y, 0) / placed.length;
  let best = null;
  // Beside an edge rather than on it; only where every spot lies on one, on one.
  for (const clear of [true, false]) for (const p of best ? [] : placed) {
    const g = gaps[p.i][b.i];
    const xs = [p.x - p.w / 2 + b.w / 2, p.x, p.x + p.w / 2 - b.w / 2], ys = [p.y - p.h / 2 + b.h / 2, p.y, p.y + p.h / 2 - b.h / 2];
    const spots = [
      ...ys.flatMap(y => [{ x: p.x + p.w / 2 + g.x + b.w / 2, y }, { x: p.x - p.w / 2 - g.x - b.w / 2, y }]),
      ...xs.flatMap(x => [{ x, y: p.y + p.h / 2 + g.y + b.h / 2 }, { x, y: p.y - p.h / 2 - g.y - b.h / 2 }]),
    ];
    for (const s of spots) {
      const c = { ...b, x: s.x, y: s.y };
      if (placed.some(o => Math.abs(o.x - c.x) < (o.w + c.w) / 2 + gaps[o.i][c.i].x && Math.abs(o.y - c.y) < (o.h + c.h) / 2 + gaps[o.i][c.i].y)) continue;
      if (clear && placed.some(o => placed.some(q => o.i < q.i && gaps[o.i][q.i].linked && crosses(o, q, c)))) continue;
      const zoom = fitZoom([...placed, c], aspect, padding), distance = Math.hypot(c.x - cx, c.y - cy);
      if (!best || zoom > best.zoom * 1.001 || (zoom > best.zoom / 1.001 && distance < best.distance)) best = { zoom, distance, c };
    }
  }

  return best.c;
}

// Moves each box an edge between two others runs through across that edge (sideways for a steep edge, up or down for
// a flat one, to the side the box leans to) until the edge passes it with a margin, unless it would then overlap a box.
function clearEdges(items, gaps) {
  for (let round = 0; round < 3 * items.length; round++) {
    let moved = false;
    for (const a of items) for (const b of items) for (const c of items) {
      if (a.i >= b.i || c === a || c === b || !gaps[a.i][b.i].linked || !crosses(a, b, c)) continue;
      const steep = Math.abs(b.y - a.y) > Math.abs(b.x - a.x), axis = steep ? "x" : "y", along = steep ? "y" : "x", size = steep ? "w" : "h";
      const on = a[axis] + (c[along] - a[along]) / ((b[along] - a[along]) || 1) * (b[axis] - a[axis]);
      const from = c[axis];
      c[axis] = on + (from >= on ? 1 : -1) * (c[size] / 2 + 12);
      if (items.some(o => o !== c && Math.abs(o.x - c.x) < (o.w + c.w) / 2 + gaps[o.i][c.i].x && Math.abs(o.y - c.y) < (o.h + c.h) / 2 + gaps[o.i][c.i].y)) c[axis] = from;
      else moved = true;
    }

    if (!moved) return;
  }
}

// How many times a straight edge between two boxes passes through a third.
function crossings(items, gaps) {
  let n = 0;
  for (const a of items) for (const b of items) {
    if (a.i < b.i && gaps[a.i][b.i].linked) n += items.filter(c => c !== a && c !== b && crosses(a, b, c)).length;
  }

  return n;
}

// Whether the straight line between the middles of boxes a and b (where an edge between them runs) passes through box c.
function crosses(a, b, c) {
  const margin = 8, x1 = c.x - c.w / 2 - margin, x2 = c.x + c.w / 2 + margin, y1 = c.y - c.h / 2 - margin, y2 = c.y + c.h / 2 + margin;
  // Liang-Barsky: clip the segment to the box; it crosses when something of it is left.
  const dx = b.x - a.x, dy = b.y - a.y;
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, a.x - x1], [dx, x2 - a.x], [-dy, a.y - y1], [dy, y2 - a.y]]) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

// The zoom at which the drawing fits a frame of the given aspect and height 1 (only ratios between arrangements matter).
function fitZoom(items, aspect, padding) {
  if (items.length === 0) return Infinity;
  const x1 = Math.min(...items.map(b => b.x - b.w / 2)), x2 = Math.max(...items.map(b => b.x + b.w / 2));
  const y1 = Math.min(...items.map(b => b.y - b.h / 2)), y2 = Math.max(...items.map(b => b.y + b.h / 2));
  return Math.min(aspect / (x2 - x1 + 2 * padding), 1 / (y2 - y1 + 2 * padding));
}

// Arrangements in rows: the boxes from top to bottom fill rows up to a width (each width from the widest box to all of
// them side by side), each row from left to right as the force layout had them, rows centred under each other.
function rowings(boxes, gaps) {
  const byY = boxes.map(b => ({ ...b })).sort((a, c) => a.y - c.y || a.x - c.x);
  const widest = Math.max(...boxes.map(b => b.w)), all = boxes.reduce((s, b) => s + b.w, 0) * 1.5;
  const seen = new Set(), result = [];
  for (let f = 0; f <= 24; f++) {
    const limit = widest * Math.pow(all / widest, f / 24);
    const rows = [];
    let row = [], width = 0;
    for (const b of byY) {
      if (row.length > 0 && width + b.w > limit) { rows.push(row); row = []; width = 0; }
      row.push(b); width += b.w + nearGapOf(gaps, b);
    }
    rows.push(row);
    const key = rows.map(r => r.length).join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(placeRows(rows.map(r => r.map(b => ({ ...b })).sort((a, c) => a.x - c.x)), gaps));
  }

  return result;
}

// The smallest gap a box keeps from any other (an estimate of a row's width before its neighbours are known).
function nearGapOf(gaps, b) { return Math.min(...gaps[b.i].filter(g => g).map(g => g.x)); }

function placeRows(rows, gaps) {
  let top = 0;
  const placed = [];
  rows.forEach((row, k) => {
    if (k > 0) top += Math.max(...rows[k - 1].flatMap(a => row.map(b => gaps[a.i][b.i].y)));
    const height = Math.max(...row.map(b => b.h));
    let x = 0;
    row.forEach((b, j) => { if (j > 0) x += row[j - 1].w / 2 + gaps[row[j - 1].i][b.i].x + b.w / 2; b.x = x; b.y = top + height / 2; });
    row.forEach(b => { b.x -= x / 2; });
    top += height;
    placed.push(...row);
  });
  return placed.sort((a, c) => a.i - c.i);
}

// One-dimensional compaction towards the middle: boxes nearest the middle first, each moved as near to it as the boxes
// already placed on its inner side allow (those it would touch, with the gap, if they slid past each other).
function slide(items, axis, gaps) {
  const q = axis === "x" ? "y" : "x", size = axis === "x" ? "w" : "h", across = axis === "x" ? "h" : "w";
  const lo = Math.min(...items.map(b => b[axis] - b[size] / 2)), hi = Math.max(...items.map(b => b[axis] + b[size] / 2));
  const middle = (lo + hi) / 2;
  const order = items.map(b => ({ b, from: b[axis] })).sort((a, c) => Math.abs(a.from - middle) - Math.abs(c.from - middle) || a.b.i - c.b.i);
  const placed = [];
  for (const o of order) {
    const b = o.b, right = o.from >= middle;
    let at = middle;
    for (const p of placed) {
      const gap = gaps[p.b.i][b.i];
      if (Math.abs(p.b[q] - b[q]) >= (p.b[across] + b[across]) / 2 + gap[q]) continue;
      const apart = (p.b[size] + b[size]) / 2 + gap[axis];
      if (right && p.from <= o.from) at = Math.max(at, p.b[axis] + apart);
      else if (!right && p.from >= o.from) at = Math.min(at, p.b[axis] - apart);
    }
    b[axis] = at;
    placed.push(o);
  }
}
