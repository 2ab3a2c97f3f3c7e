// The explorer's side panel is as wide as the user drags it (the handle between the graph and the panel),
// remembered in this browser. The width is a CSS variable on the explorer's body (--pe-side-width), so the
// page's re-renders keep it. Double-click (or Enter) switches between the usual width and a wide one that fits
// 80 columns of YAML; the arrow keys move the handle.
const key = "policyeditor.sidePanelWidth";
const usual = 420, wide = 760, least = 320, graphLeast = 360;

function clamp(body, width) {
  return Math.round(Math.max(least, Math.min(width, body.getBoundingClientRect().width - graphLeast)));
}

function apply(body, width, save) {
  const w = clamp(body, width);
  body.style.setProperty("--pe-side-width", `${w}px`);
  body.dataset.sideWidth = String(w);
  if (save) { try { localStorage.setItem(key, String(w)); } catch { /* private mode: not remembered */ } }
  return w;
}

function current(body) { return Number(body.dataset.sideWidth) || usual; }

export function attach(handle) {
  const body = handle.closest(".pe-explorer-body");
  if (!body || handle.dataset.attached) return;
  handle.dataset.attached = "true";
  let saved = NaN;
  try { saved = Number(localStorage.getItem(key)); } catch { /* none */ }
  apply(body, Number.isFinite(saved) && saved > 0 ? saved : usual, false);

  handle.addEventListener("pointerdown", e => {
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    body.classList.add("pe-resizing");
    const right = body.getBoundingClientRect().right;
    const move = m => apply(body, right - m.clientX, false);
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      handle.removeEventListener("pointercancel", up);
      body.classList.remove("pe-resizing");
      apply(body, current(body), true);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    handle.addEventListener("pointercancel", up);
  });
  handle.addEventListener("dblclick", () => apply(body, current(body) < wide - 10 ? wide : usual, true));
  handle.addEventListener("keydown", e => {
    const step = e.key === "ArrowLeft" ? 24 : e.key === "ArrowRight" ? -24 : 0;
    if (step) { e.preventDefault(); apply(body, current(body) + step, true); }
    if (e.key === "Enter") { e.preventDefault(); apply(body, current(body) < wide - 10 ? wide : usual, true); }
  });
}
