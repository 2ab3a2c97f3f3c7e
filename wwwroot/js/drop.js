// Files dropped anywhere on the workspace page go to the page's hidden file input, whose change event
// Blazor handles (InputFile): the import dialog opens with them. A dashed outline shows while dragging.
let enabled = false;

export function enablePageDrop() {
  if (enabled) return;
  enabled = true;
  let depth = 0;
  const hasFiles = e => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
  const input = () => document.querySelector("[data-page-drop-input]");
  const inDialog = e => e.target instanceof Element && e.target.closest(".mud-dialog");
  document.addEventListener("dragenter", e => { if (hasFiles(e) && input() && !inDialog(e)) { depth++; document.body.classList.add("pe-dragging-files"); } });
  document.addEventListener("dragleave", e => { if (hasFiles(e) && --depth <= 0) { depth = 0; document.body.classList.remove("pe-dragging-files"); } });
  document.addEventListener("dragover", e => { if (hasFiles(e) && input() && !inDialog(e)) e.preventDefault(); });
  document.addEventListener("drop", e => {
    depth = 0;
    document.body.classList.remove("pe-dragging-files");
    const target = input();
    if (!hasFiles(e) || !target || inDialog(e)) return;
    e.preventDefault();
    target.files = e.dataTransfer.files;
    target.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
