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

// Text the user typed is kept in the browser (localStorage, under options.backupKey) until the server
// has it: a lost connection or a restarted server never takes it away. The backup holds what the pane
// showed when the user started (base, at revision) so the server can replay only the user's own changes.
function readBackup(key) {
  if (!key) return null;
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "null");
    const valid = value && typeof value.text === "string" && typeof value.base === "string" && typeof value.revision === "number"
      && typeof value.at === "number" && (value.scope === null || typeof value.scope === "string");
    return valid ? value : null;
  } catch {
    return null;
  }
}

function writeBackup(entry) {
  if (!entry.backupKey) return;
  try {
    localStorage.setItem(entry.backupKey, JSON.stringify({
      text: entry.view.state.doc.toString(), base: entry.base, revision: entry.revision, scope: entry.scope, at: Date.now(),
    }));
  } catch {
    // Storage full or refused: the text still goes to the server as usual.
  }
}

function dropBackup(entry, onlyIf) {
  if (!entry.backupKey) return;
  const stored = readBackup(entry.backupKey);
  if (stored && (!onlyIf || onlyIf(stored))) localStorage.removeItem(entry.backupKey);
}

// Sends the text to .NET. While the connection is down a call is never answered (or fails), so when no
// answer comes within 10 s the newest text is sent again: after 2 s, then waiting twice as long each time
// (at most 30 s), until the server takes it or the editor is gone. Sending the same text twice is harmless:
// the second time it already says what the draft says.
const answerWithin = 10000;

function send(entry, wait = 2000) {
  clearTimeout(entry.retry);
  entry.retry = null;
  entry.element.dataset.pending = "false";
  const call = entry.dotnet.invokeMethodAsync("OnTextChanged", entry.view.state.doc.toString());
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("no answer")), answerWithin); });
  Promise.race([call, late]).then(() => {
    clearTimeout(timer);
    entry.element.dataset.unsent = "false";
  }, () => {
    clearTimeout(timer);
    if (!editors.has(entry.id) || !entry.element.isConnected || entry.timer) return;
    entry.element.dataset.unsent = "true";
    entry.retry = setTimeout(() => send(entry, Math.min(wait * 2, 30000)), wait);
  });
  call.catch(() => { /* reported through the race above */ });
}

// options: { readOnly, backupKey, revision, scope }. Returns { id, offered }: offered is text a page
// before this one typed and the server never took (null when there is none).
export function create(element, dotnet, text, dark, options) {
  const id = nextId++;
  const theme = new Compartment();
  const opts = options ?? {};
  const entry = {
    id, dotnet, element, timer: null, retry: null, silent: false, view: null, theme,
    backupKey: opts.readOnly ? null : opts.backupKey, base: text, revision: opts.revision ?? 0, scope: opts.scope ?? null,
  };
  const offered = readBackup(entry.backupKey);
  entry.view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup, yaml(), lintGutter(), baseTheme, theme.of(dark ? [darkTheme, highlight(true)] : highlight(false)),
        EditorState.readOnly.of(!!opts.readOnly), EditorView.editable.of(!opts.readOnly),
        EditorView.updateListener.of(update => {
          if (!update.docChanged || entry.silent) return;
          writeBackup(entry);
          clearTimeout(entry.timer);
          entry.element.dataset.pending = "true";
          entry.timer = setTimeout(() => {
            entry.timer = null;
            send(entry);
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
    // Test hook: the text kept for the server, or null.
    backup: () => readBackup(entry.backupKey),
  };
  element.dataset.editorReady = "true";
  return { id, offered };
}

// Text from the server (the draft changed, or another scope): shown without echoing back. The backup
// goes unless the user is typing (their newer text stays kept). Returns what the user had typed and not
// yet sent when the text replaced it (null when nothing), so that it can be offered back to them.
export function setText(id, text, revision, scope) {
  const e = editors.get(id);
  if (!e) return null;
  const current = e.view.state.doc.toString();
  const displaced = (e.timer || e.retry) && current !== text && current !== e.base ? current : null;
  if (displaced !== null) {
    clearTimeout(e.timer);
    clearTimeout(e.retry);
    e.timer = null;
    e.retry = null;
    e.element.dataset.pending = "false";
  }
  e.base = text;
  e.revision = revision;
  e.scope = scope ?? null;
  if (!e.timer && !e.retry) dropBackup(e);
  if (current === text) return displaced;
  e.silent = true;
  try {
    e.view.dispatch({ changes: { from: 0, to: e.view.state.doc.length, insert: text } });
  } finally {
    e.silent = false;
  }
  return displaced;
}

// The server has this text (applied, or it already said the same): it is the new base, and its backup goes.
export function saved(id, text, revision) {
  const e = editors.get(id);
  if (!e) return;
  e.base = text;
  e.revision = revision;
  dropBackup(e, stored => stored.text === text);
}

// Puts text in the editor as if the user typed it (it is kept and sent like typing).
export function type(id, text) {
  const e = editors.get(id);
  if (!e) return;
  e.view.dispatch({ changes: { from: 0, to: e.view.state.doc.length, insert: text }, userEvent: "input" });
}

// Forgets a backup offered at creation (the user discarded it), unless newer typing replaced it.
export function discard(id, at) {
  const e = editors.get(id);
  if (e) dropBackup(e, stored => stored.at === at);
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
  clearTimeout(e.retry);
  e.view.destroy();
  editors.delete(id);
}
