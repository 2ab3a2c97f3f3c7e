// The YAML pane: the only code that talks to CodeMirror. Edits are reported to .NET after a pause
// (debounced); text and diagnostics set from .NET do not echo back.
import { EditorView, basicSetup, EditorState, Compartment, HighlightStyle, syntaxHighlighting, tags, yaml, lintGutter, setDiagnostics } from "../lib/codemirror/codemirror.bundle.mjs";

const editors = new Map();
let nextId = 1;
const pause = 450;

function highlight(dark) {
  const c = dark
    ? { key: "#93c5fd", string: "#86efac", number: "#fca5a5", atom: "#fcd34d", comment: "#94a3b8", meta: "#c4b5fd", punct: "#cbd5e1" }
    : { key: "#1d4ed8", string: "#15803d", number: "#b91c1c", atom: "#b45309", comment: "#64748b", meta: "#7c3aed", punct: "#475569" };
  return syntaxHighlighting(HighlightStyle.define([
    { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: c.key },
    { tag: [tags.string, tags.special(tags.string), tags.content], color: c.string },
    { tag: [tags.number, tags.integer, tags.float], color: c.number },
    { tag: [tags.bool, tags.null, tags.atom, tags.keyword], color: c.atom },
    { tag: [tags.comment, tags.lineComment], color: c.comment, fontStyle: "italic" },
    { tag: [tags.meta, tags.documentMeta, tags.labelName], color: c.meta },
    { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace], color: c.punct },
  ]));
}

const darkTheme = EditorView.theme({
  "&": { color: "#e2e8f0", backgroundColor: "#0b1220" },
  ".cm-content": { caretColor: "#f8fafc" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "#f8fafc" },
  ".cm-gutters": { backgroundColor: "#111827", color: "#64748b", border: "none" },
  ".cm-activeLine": { backgroundColor: "#1e293b80" },
  ".cm-activeLineGutter": { backgroundColor: "#1e293b" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "#334155" },
  ".cm-tooltip": { backgroundColor: "#1e293b", color: "#e2e8f0", border: "1px solid #334155" },
}, { dark: true });

const baseTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "12.5px" },
  ".cm-scroller": { fontFamily: "ui-monospace, 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, monospace", lineHeight: "1.5" },
});

export function create(element, dotnet, text, dark) {
  const id = nextId++;
  const theme = new Compartment();
  const entry = { dotnet, element, timer: null, silent: false, view: null, theme };
  entry.view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup, yaml(), lintGutter(), baseTheme, theme.of(dark ? [darkTheme, highlight(true)] : highlight(false)),
        EditorView.updateListener.of(update => {
          if (!update.docChanged || entry.silent) return;
          clearTimeout(entry.timer);
          entry.element.dataset.pending = "true";
          entry.timer = setTimeout(() => {
            entry.element.dataset.pending = "false";
            dotnet.invokeMethodAsync("OnTextChanged", entry.view.state.doc.toString());
          }, pause);
        }),
      ],
    }),
  });
  editors.set(id, entry);
  window.policyEditorYaml = {
    text: () => entry.view.state.doc.toString(),
    // Test hook: an edit as if typed, replacing the first occurrence of a text (false when it is not there).
    replace: (find, replacement) => {
      const doc = entry.view.state.doc.toString();
      const at = doc.indexOf(find);
      if (at < 0) return false;
      entry.view.dispatch({ changes: { from: at, to: at + find.length, insert: replacement }, userEvent: "input" });
      return true;
    },
    // Test hook: the lint marks shown, as {line, severity, message} with lines from 1.
    diagnostics: () => (entry.diagnostics ?? []).map(d => ({ line: entry.view.state.doc.lineAt(d.from).number, severity: d.severity, message: d.message })),
  };
  element.dataset.editorReady = "true";
  return id;
}

export function setText(id, text) {
  const e = editors.get(id);
  if (!e || e.view.state.doc.toString() === text) return;
  e.silent = true;
  try {
    e.view.dispatch({ changes: { from: 0, to: e.view.state.doc.length, insert: text } });
  } finally {
    e.silent = false;
  }
}

// Diagnostics arrive as {line, column, severity, message} with lines and columns from 1.
export function showDiagnostics(id, diagnostics) {
  const e = editors.get(id);
  if (!e) return;
  const doc = e.view.state.doc;
  const marks = diagnostics.map(d => {
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
    return { from, to: Math.max(from, line.to), severity: d.severity, message: d.message };
  });
  e.diagnostics = marks;
  e.view.dispatch(setDiagnostics(e.view.state, marks));
}

export function setTheme(id, dark) {
  const e = editors.get(id);
  if (e) e.view.dispatch({ effects: e.theme.reconfigure(dark ? [darkTheme, highlight(true)] : highlight(false)) });
}

export function revealLine(id, line) {
  const e = editors.get(id);
  if (!e) return;
  const l = e.view.state.doc.line(Math.min(Math.max(line, 1), e.view.state.doc.lines));
  e.view.dispatch({ selection: { anchor: l.from }, effects: EditorView.scrollIntoView(l.from, { y: "start", yMargin: 24 }) });
  e.view.focus();
}

export function dispose(id) {
  const e = editors.get(id);
  if (!e) return;
  clearTimeout(e.timer);
  e.view.destroy();
  editors.delete(id);
}
