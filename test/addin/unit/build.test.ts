/** The add-in build: what it produces, that it is deterministic, and that its metadata matches its code. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildAddinResult, buildAddin, ICON_SIZES } from "../../../addin/build.mjs";

let first: BuildAddinResult;
let second: BuildAddinResult;
const dirs: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(path.join(os.tmpdir(), `addin-build-${i}-`)));
  first = await buildAddin({ outDir: dirs[0] });
  second = await buildAddin({ outDir: dirs[1] });
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const read = (result: BuildAddinResult, file: string) => readFile(path.join(result.outDir, result.assets[file] ?? file));

describe("buildAddin", () => {
  it("writes the pages, and the bundles, metadata and icons named after their content", async () => {
    const hashed = (logical: string) => {
      const dot = logical.lastIndexOf(".");
      return new RegExp(`^${logical.slice(0, dot).replace(/[/.]/g, "\\$&")}\\.[0-9a-f]{8}\\${logical.slice(dot)}$`);
    };
    expect(Object.keys(first.assets).sort()).toEqual(
      [...ICON_SIZES.map((s) => `assets/icon-${s}.png`), "functions.js", "functions.json", "taskpane.css", "taskpane.js"].sort(),
    );
    for (const [logical, file] of Object.entries(first.assets)) expect(file, logical).toMatch(hashed(logical));
    expect(first.files).toEqual(
      [
        ...Object.values(first.assets),
        `${first.assets["taskpane.js"]}.map`,
        `${first.assets["functions.js"]}.map`,
        "assets.json",
        "manifest.template.xml",
        "taskpane.html",
        "functions.html",
        "help.html",
      ].sort(),
    );
    const onDisk = [
      ...(await readdir(first.outDir)),
      ...(await readdir(path.join(first.outDir, "assets"))).map((f) => `assets/${f}`),
    ];
    expect(onDisk.filter((f) => f !== "assets").sort()).toEqual(first.files);
    expect(JSON.parse((await read(first, "assets.json")).toString())).toEqual(first.assets);
    expect((await read(first, "manifest.template.xml")).toString()).toBe(
      await readFile(path.join(import.meta.dirname, "../../../manifest.xml"), "utf8"),
    );
  });

  it("is deterministic: two builds give the same names and bytes", async () => {
    expect(second.files).toEqual(first.files);
    for (const file of first.files) expect((await read(first, file)).equals(await read(second, file)), file).toBe(true);
  });

  it("loads Office.js from Microsoft's CDN and the hashed bundles relatively (served under /addin/)", async () => {
    const html = (await read(first, "taskpane.html")).toString();
    expect(html).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    // The shared runtime page also registers the custom functions.
    expect(html.indexOf(`src="${first.assets["functions.js"]}"`)).toBeGreaterThan(html.indexOf("office.js"));
    expect(html).toContain(`src="${first.assets["taskpane.js"]}"`);
    expect(html).toContain(`href="${first.assets["taskpane.css"]}"`);
    expect(html).not.toMatch(/(src|href)="\//);
    expect(html).not.toMatch(/"(taskpane|functions)\.(js|css)"/);
    expect((await read(first, "help.html")).toString()).toContain(`href="${first.assets["taskpane.css"]}"`);
    const functionsHtml = (await read(first, "functions.html")).toString();
    expect(functionsHtml).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(functionsHtml).toContain(`src="${first.assets["functions.js"]}"`);
  });

  it("generates functions.json from the JSDoc and registers exactly those ids", async () => {
    const metadata = JSON.parse((await read(first, "functions.json")).toString());
    const ids = metadata.functions.map((f: { id: string }) => f.id);
    expect(ids).toEqual(first.functionIds);
    expect(ids).toEqual(
      expect.arrayContaining([
        "FIN_ENGAGEMENT",
        "DATE_LIMITE_PREAVIS",
        "PROCHAIN_RENOUVELLEMENT",
        "FRAIS_RESILIATION",
        "PRIX_PORTABILITE",
      ]),
    );
    const js = (await read(first, "functions.js")).toString();
    for (const id of ids) expect(js).toContain(`"${id}":`);
    // The server's domain module is bundled, not fetched.
    expect(js).toContain("computeCommitment");
    const porting = metadata.functions.find((f: { id: string }) => f.id === "PRIX_PORTABILITE");
    expect(porting.parameters[1]).toMatchObject({ name: "numeros", dimensionality: "matrix" });
    // A date defaulting to today makes a function volatile (never frozen at its last calculation);
    // PRIX_PORTABILITE asks the server, so its date is required instead.
    const volatile = metadata.functions
      .filter((f: { options?: { volatile?: boolean } }) => f.options?.volatile)
      .map((f: { id: string }) => f.id);
    expect(volatile).toEqual([
      "FIN_PERIODE",
      "DATE_LIMITE_PREAVIS",
      "PROCHAINE_LIMITE_PREAVIS",
      "PROCHAIN_RENOUVELLEMENT",
      "FIN_AU_PLUS_TOT",
      "FRAIS_RESILIATION",
    ]);
    expect(porting.parameters[2]).toMatchObject({ name: "dateDemande" });
    expect(porting.parameters[2].optional).toBeUndefined();
    // Dates come back as formatted numbers where Excel supports them: custom data for `any` results.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(metadata.functions.find((f: { id: string }) => f.id === "FIN_ENGAGEMENT").result.type ?? "any").toBe("any");
    const deadline = metadata.functions.find((f: { id: string }) => f.id === "DATE_LIMITE_PREAVIS");
    expect(deadline.parameters.map((p: { name: string; optional?: boolean }) => `${p.name}${p.optional ? "?" : ""}`)).toEqual([
      "debut",
      "engagementMois",
      "renouvellementMois",
      "preavisMois?",
      "preavisJours?",
      "dateRef?",
    ]);
  });

  it("bundles browser IIFEs for es2020 without Node built-ins", async () => {
    for (const file of ["taskpane.js", "functions.js"]) {
      const js = (await read(first, file)).toString();
      expect(js.trimStart().startsWith('"use strict";\n(() => {') || js.trimStart().startsWith("(() => {"), file).toBe(true);
      expect(js).not.toMatch(/require\("node:/);
      expect(js).toContain(`//# sourceMappingURL=${first.assets[file]}.map`);
    }
  });

  it("draws real PNG icons of each size", async () => {
    for (const size of ICON_SIZES) {
      const png = await read(first, `assets/icon-${size}.png`);
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
      const idatLength = png.readUInt32BE(33);
      expect(png.subarray(37, 41).toString()).toBe("IDAT");
      const raw = inflateSync(png.subarray(41, 41 + idatLength));
      expect(raw.length).toBe(size * (size * 4 + 1));
    }
  });
});
