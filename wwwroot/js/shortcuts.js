// Keyboard shortcuts of the explorer: undo, redo and escape, when the focus is not in a text field or
// the YAML editor (which have their own undo).
const handlers = new Map();
let nextId = 1;

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest(".cm-editor"));
}

export function register(dotnet) {
  const id = nextId++;
  const handler = e => {
    if (typing(e.target)) return;
    const key = e.key.toLowerCase();
    const mod = e.ctrlKey || e.metaKey;
    let action = null;
    if (mod && key === "z") action = e.shiftKey ? "redo" : "undo";
    else if (mod && key === "y") action = "redo";
    else if (key === "escape") action = "escape";
    else if ((key === "delete" || key === "backspace") && !mod) action = "delete";
    if (!action) return;
    e.preventDefault();
    dotnet.invokeMethodAsync("OnShortcut", action);
  };
  document.addEventListener("keydown", handler);
  handlers.set(id, handler);
  return id;
}

export function unregister(id) {
  const handler = handlers.get(id);
  if (handler) { document.removeEventListener("keydown", handler); handlers.delete(id); }
}
