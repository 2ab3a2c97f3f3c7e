// Bundles the vendored browser libraries into wwwroot/lib (one minified ES module each), copies the
// licence of every package that ends up in a bundle beside it, and writes wwwroot/lib/packages.json
// (bundle -> package -> version, licence) from what esbuild actually bundled.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";

const out = "../../wwwroot/lib";
const bundles = [
  { entry: "cytoscape-entry.mjs", dir: "cytoscape", file: "cytoscape.bundle.mjs" },
  { entry: "codemirror-entry.mjs", dir: "codemirror", file: "codemirror.bundle.mjs" },
];

// node_modules/@scope/name/... or node_modules/name/... -> the package name
function packageOf(input) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return m ? m[1] : null;
}

const manifest = {};
for (const b of bundles) {
  const dir = `${out}/${b.dir}`;
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.startsWith("LICENSE.")) rmSync(`${dir}/${f}`);
  const result = await build({ entryPoints: [b.entry], bundle: true, format: "esm", minify: true, outfile: `${dir}/${b.file}`, legalComments: "none", metafile: true });
  const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(p => p))].sort();
  manifest[b.file] = {};
  for (const pkg of packages) {
    const meta = JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8"));
    manifest[b.file][pkg] = { version: meta.version, license: meta.license };
    const licence = readdirSync(`node_modules/${pkg}`).find(f => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
    if (!licence) throw new Error(`${pkg} has no licence file`);
    copyFileSync(`node_modules/${pkg}/${licence}`, `${dir}/LICENSE.${pkg.replace("/", "-")}-${meta.version}.txt`);
  }
}

writeFileSync(`${out}/packages.json`, JSON.stringify(manifest, null, 2) + "\n");
for (const [file, packages] of Object.entries(manifest)) {
  console.log(`${file}: ${Object.entries(packages).map(([p, m]) => `${p} ${m.version} (${m.license})`).join(", ")}`);
}
