// Text typed into a field inside an element marked data-keep="KEY" is kept in the browser (localStorage)
// until the page says it was sent, so a lost connection or a restarted server does not take it away: the
// next page with the same field puts it back (as if typed, so the component's binding has it too).
const prefix = "policyeditor:keep:";
let listening = false;

function fieldOf(marked) {
  return marked.matches("input, textarea") ? marked : marked.querySelector("textarea, input");
}

function onInput(event) {
  const marked = event.target instanceof Element ? event.target.closest("[data-keep]") : null;
  if (!marked || fieldOf(marked) !== event.target) return;
  try {
    const value = event.target.value;
    if (value) localStorage.setItem(prefix + marked.dataset.keep, value);
    else localStorage.removeItem(prefix + marked.dataset.keep);
  } catch {
    // Storage full or refused: the field works as before.
  }
}

// Starts keeping what is typed, and puts kept text back into empty marked fields; returns the keys restored.
export function restore() {
  if (!listening) {
    document.addEventListener("input", onInput, true);
    listening = true;
  }

  const restored = [];
  for (const marked of document.querySelectorAll("[data-keep]")) {
    const field = fieldOf(marked);
    const kept = localStorage.getItem(prefix + marked.dataset.keep);
    if (!field || !kept || field.value) continue;
    field.value = kept;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    restored.push(marked.dataset.keep);
  }
  return restored;
}

// The text of a field was sent (the server has it): it is no longer kept.
export function forget(key) {
  localStorage.removeItem(prefix + key);
}
