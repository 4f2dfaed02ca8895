/**
 * The fake Excel (test/addin/fake-excel, the same object model as the unit tests) bundled for a
 * browser page: `context.addInitScript({ content: await fakeExcelInitScript() })`, before office.js
 * loads. Bundled once per test process (~50 ms).
 */
import path from "node:path";
import { build } from "esbuild";

let bundle: Promise<string> | null = null;

export function fakeExcelInitScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.resolve(import.meta.dirname, "../fake-excel/browser.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  }).then((result) => result.outputFiles[0]?.text ?? "");
  return bundle;
}
