// Bundles the dashboard into OUT: index.html and assets/ named by content
// hash (the gateway caches those for good). Prints what the page loads.
//   node build.mjs OUT
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) throw new Error("usage: node build.mjs OUT");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src/main.ts") },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  splitting: true,
  target: "es2020",
  outdir: join(out, "assets"),
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  alias: { "@gen": join(here, "gen") },
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
});

// Files served as they are (the favicon).
cpSync(join(here, "public"), out, { recursive: true });

const outputs = Object.keys(result.metafile.outputs);
const entry = outputs.find((o) => result.metafile.outputs[o].entryPoint);
const css = outputs.find((o) => o.endsWith(".css"));
writeFileSync(
  join(out, "index.html"),
  readFileSync(join(here, "index.html"), "utf8")
    .replace("{{js}}", basename(entry))
    .replace("{{css}}", basename(css)),
);
for (const o of outputs) {
  const gz = gzipSync(readFileSync(o)).length;
  console.log(`${basename(o)}\t${result.metafile.outputs[o].bytes} bytes\t${gz} gzipped`);
}
