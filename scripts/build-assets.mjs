// Builds Orbit's assets into app/static/dist: compiled Sass, htmx, Orbit's script and images,
// each fingerprinted with a content hash, gzipped beside it, and listed in manifest.json.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, extname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "app/static/src");
const dist = join(root, "app/static/dist");

function fingerprint(name, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
  return `${basename(name, extname(name))}.${hash}${extname(name)}`;
}

function emit(manifest, logicalName, content) {
  const file = fingerprint(logicalName, content);
  writeFileSync(join(dist, file), content);
  writeFileSync(join(dist, `${file}.gz`), gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
  manifest[logicalName] = file;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const manifest = {};

const css = sass.compile(join(src, "scss/orbit.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
});
emit(manifest, "orbit.css", Buffer.from(css.css));
emit(manifest, "orbit.js", readFileSync(join(src, "js/orbit.js")));
emit(manifest, "htmx.js", readFileSync(join(root, "node_modules/htmx.org/dist/htmx.min.js")));
emit(manifest, "favicon.svg", readFileSync(join(src, "images/favicon.svg")));

writeFileSync(join(dist, "manifest.json"), JSON.stringify(manifest, null, 2));
for (const [name, file] of Object.entries(manifest)) {
  const size = readFileSync(join(dist, file)).length;
  const gz = readFileSync(join(dist, `${file}.gz`)).length;
  console.log(`${name.padEnd(12)} ${String(size).padStart(7)} bytes, ${String(gz).padStart(6)} gzipped`);
}
