// Builds the Excel add-in into dist/addin/ (served by the server under /addin/).
//
//   node addin/build.mjs            (npm run build:addin)
//   import { buildAddin } from "./addin/build.mjs"; await buildAddin({ outDir })   (tests)
//
// Output: taskpane.html (the shared-runtime page: Runtime, Page and FunctionFile of the manifest),
// functions.html (a page for the custom functions alone) and help.html, which keep their names;
// and, named after their content's hash so that a deployment is never served stale from a cache:
// taskpane.<hash>.css, taskpane.<hash>.js, functions.<hash>.js (+ source maps), functions.<hash>.json
// (from the JSDoc @customfunction tags) and assets/icon-{16,32,64,80,128}.<hash>.png. assets.json
// maps each logical name to its file (the server renders the manifest with it and still answers the
// logical names, uncached), manifest.template.xml is the repository's manifest.xml.
// Deterministic: same sources, same bytes.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..");
const src = path.join(here, "src");
const functionsSource = path.join(src, "functions", "functions.ts");

export const ICON_SIZES = [16, 32, 64, 80, 128];
/** Pages, copied with their references to hashed files rewritten (they keep their names: the manifest points at them). */
const PAGES = [
  ["taskpane/taskpane.html", "taskpane.html"],
  ["taskpane/help.html", "help.html"],
  ["functions/functions.html", "functions.html"],
];

/** `name.ext` → `name.<8 hex of sha-256>.ext`. */
function hashedName(logical, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 8);
  const dot = logical.lastIndexOf(".");
  return `${logical.slice(0, dot)}.${hash}${logical.slice(dot)}`;
}

/**
 * Builds the add-in. Returns the output directory and the list of files written (relative, sorted).
 * @param {{ outDir?: string, minify?: boolean, clean?: boolean }} [options]
 */
export async function buildAddin(options = {}) {
  const outDir = path.resolve(options.outDir ?? path.join(repoRoot, "dist", "addin"));
  const minify = options.minify ?? false;
  if (options.clean ?? true) await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, "assets"), { recursive: true });

  // functions.json and the associate() glue come from the same parse of the JSDoc, so the ids
  // Excel sees and the ids registered at run time cannot drift apart.
  const metadata = await generateCustomFunctionsMetadata(functionsSource);
  if (metadata.errors.length > 0) {
    throw new Error(`custom functions metadata:\n${metadata.errors.join("\n")}`);
  }
  const glue = [
    'import * as f from "./functions.js";',
    'import { associateAll } from "./runtime.js";',
    `associateAll({ ${metadata.associate.map((a) => `${JSON.stringify(a.id)}: f.${a.functionName}`).join(", ")} });`,
  ].join("\n");

  const common = {
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    sourcemap: "linked",
    minify,
    legalComments: "none",
    logLevel: "warning",
    absWorkingDir: repoRoot,
    // Source map paths relative to the repo keep the output independent of the checkout path.
    sourceRoot: "",
  };
  await Promise.all([
    build({ ...common, entryPoints: [path.join(src, "taskpane", "taskpane.ts")], outfile: path.join(outDir, "taskpane.js") }),
    build({
      ...common,
      stdin: { contents: glue, resolveDir: path.join(src, "functions"), sourcefile: "functions-entry.ts", loader: "ts" },
      outfile: path.join(outDir, "functions.js"),
    }),
  ]);

  /** logical name → file written (content-hashed). */
  const assets = {};
  const files = [];
  const emit = async (logical, content) => {
    const name = hashedName(logical, content);
    await writeFile(path.join(outDir, name), content);
    assets[logical] = name;
    files.push(name);
  };
  // Bundles: renamed after their content, their source map with them.
  for (const bundle of ["taskpane.js", "functions.js"]) {
    const code = await readFile(path.join(outDir, bundle), "utf8");
    const name = hashedName(bundle, code);
    await rm(path.join(outDir, bundle));
    await writeFile(
      path.join(outDir, name),
      code.replace(`//# sourceMappingURL=${bundle}.map`, `//# sourceMappingURL=${name}.map`),
    );
    const map = JSON.parse(await readFile(path.join(outDir, `${bundle}.map`), "utf8"));
    await rm(path.join(outDir, `${bundle}.map`));
    await writeFile(path.join(outDir, `${name}.map`), JSON.stringify({ ...map, file: name }));
    assets[bundle] = name;
    files.push(name, `${name}.map`);
  }
  await emit("taskpane.css", await readFile(path.join(src, "taskpane", "taskpane.css")));
  // Date functions return `any`: a number with a date format where the host supports formatted
  // numbers (custom data for `any` results must be allowed), a bare serial otherwise.
  const functionsJson = { allowCustomDataForDataTypeAny: true, ...JSON.parse(metadata.metadataJson) };
  await emit("functions.json", `${JSON.stringify(functionsJson, null, 4)}\n`);
  for (const size of ICON_SIZES) await emit(`assets/icon-${size}.png`, iconPng(size));

  for (const [from, to] of PAGES) {
    let html = await readFile(path.join(src, from), "utf8");
    for (const [logical, name] of Object.entries(assets)) html = html.replaceAll(`"${logical}"`, `"${name}"`);
    await writeFile(path.join(outDir, to), html);
    files.push(to);
  }
  await writeFile(path.join(outDir, "assets.json"), `${JSON.stringify(assets, null, 2)}\n`);
  await writeFile(path.join(outDir, "manifest.template.xml"), await readFile(path.join(repoRoot, "manifest.xml")));
  files.push("assets.json", "manifest.template.xml");
  return { outDir, files: files.sort(), assets, functionIds: metadata.associate.map((a) => a.id) };
}

// ---------------------------------------------------------------------------------------------
// Icons: drawn pixel by pixel and encoded as PNG with node:zlib, so no image tool is needed.
// A blue rounded square with a white "document" and two lines: recognisable at 16 px.
// ---------------------------------------------------------------------------------------------

function iconPixel(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const r = 0.18; // corner radius, in fractions of the size
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const inDoc = u > 0.28 && u < 0.72 && v > 0.2 && v < 0.8;
  const inLine = (v > 0.38 && v < 0.46) || (v > 0.56 && v < 0.64);
  if (inDoc && !(inLine && u > 0.36 && u < 0.64)) return [255, 255, 255, 255];
  return [0, 94, 184, 255]; // #005EB8
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function iconPng(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(iconPixel(x, y, size), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  const minify = process.argv.includes("--minify");
  buildAddin({ minify }).then(
    ({ outDir, files }) => {
      console.log(
        `add-in built in ${Date.now() - started} ms: ${files.length} files in ${path.relative(process.cwd(), outDir) || "."}`,
      );
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
