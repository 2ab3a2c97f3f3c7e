// Bundles the vendored browser libraries into wwwroot/lib (one ES module each) and copies their licences.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";

const out = "../../wwwroot/lib";
const bundles = [
  { entry: "cytoscape-entry.mjs", dir: "cytoscape", file: "cytoscape.bundle.mjs", licences: ["cytoscape", "cytoscape-fcose", "cytoscape-edgehandles", "cose-base", "layout-base"] },
  { entry: "codemirror-entry.mjs", dir: "codemirror", file: "codemirror.bundle.mjs", licences: ["codemirror", "@codemirror/view", "@codemirror/state", "@codemirror/lang-yaml", "@codemirror/lint", "@codemirror/commands", "@codemirror/language", "@codemirror/search", "@codemirror/autocomplete", "@lezer/yaml"] },
];

for (const b of bundles) {
  mkdirSync(`${out}/${b.dir}`, { recursive: true });
  await build({ entryPoints: [b.entry], bundle: true, format: "esm", minify: true, outfile: `${out}/${b.dir}/${b.file}`, legalComments: "none" });
  for (const pkg of b.licences) {
    const version = JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")).version;
    for (const name of ["LICENSE", "LICENSE.md", "LICENSE.txt"]) {
      try {
        copyFileSync(`node_modules/${pkg}/${name}`, `${out}/${b.dir}/LICENSE.${pkg.replace("/", "-")}-${version}.txt`);
        break;
      } catch { /* try the next spelling */ }
    }
  }
}
console.log("built", bundles.map(b => `${b.dir}/${b.file}`).join(", "));
