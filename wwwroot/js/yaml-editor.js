// The YAML pane: the only code that talks to CodeMirror. Edits are reported to .NET after a pause
// (debounced); text and diagnostics set from .NET do not echo back.
import { EditorView, basicSetup, EditorState, Compartment, yaml, lintGutter, setDiagnostics } from "../lib/codemirror/codemirror.bundle.mjs";

const editors = new Map();
let nextId = 1;

const darkTheme = EditorView.theme({
  "&": { color: "#e5e7eb", backgroundColor: "#0f172a" },
  ".cm-content": { caretColor: "#f8fafc" },
  ".cm-gutters": { backgroundColor: "#111827", color: "#6b7280", border: "none" },
  ".cm-activeLine": { backgroundColor: "#1e293b" },
  ".cm-activeLineGutter": { backgroundColor: "#1e293b" },
  "&.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "#334155" },
}, { dark: true });

const baseTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "12.5px" },
  ".cm-scroller": { fontFamily: "ui-monospace, 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, monospace" },
});

export function create(element, dotnet, text, dark) {
  const id = nextId++;
  const theme = new Compartment();
  const entry = { dotnet, timer: null, silent: false, view: null, theme };
  entry.view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup, yaml(), lintGutter(), baseTheme, theme.of(dark ? darkTheme : []),
        EditorView.updateListener.of(update => {
          if (!update.docChanged || entry.silent) return;
          clearTimeout(entry.timer);
          entry.timer = setTimeout(() => dotnet.invokeMethodAsync("OnTextChanged", entry.view.state.doc.toString()), 450);
        }),
      ],
    }),
  });
  editors.set(id, entry);
  window.policyEditorYaml = {
    text: () => entry.view.state.doc.toString(),
    // Test hook: an edit as if typed, replacing the first occurrence of a text.
    replace: (find, replacement) => {
      const doc = entry.view.state.doc.toString();
      const at = doc.indexOf(find);
      if (at < 0) return false;
      entry.view.dispatch({ changes: { from: at, to: at + find.length, insert: replacement }, userEvent: "input" });
      return true;
    },
    diagnostics: () => [...element.querySelectorAll(".cm-lintRange")].length,
  };
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
    return { from, to: Math.max(from + 1, line.to), severity: d.severity, message: d.message };
  }).filter(m => m.to <= doc.length);
  e.view.dispatch(setDiagnostics(e.view.state, marks));
}

export function setTheme(id, dark) { const e = editors.get(id); if (e) e.view.dispatch({ effects: e.theme.reconfigure(dark ? darkTheme : []) }); }

export function revealLine(id, line) {
  const e = editors.get(id);
  if (!e) return;
  const l = e.view.state.doc.line(Math.min(Math.max(line, 1), e.view.state.doc.lines));
  e.view.dispatch({ selection: { anchor: l.from }, effects: EditorView.scrollIntoView(l.from, { y: "center" }) });
  e.view.focus();
}

export function dispose(id) { const e = editors.get(id); if (e) { clearTimeout(e.timer); e.view.destroy(); editors.delete(id); } }
