/**
 * manifest.xml checked offline (the online validator is unreachable here): element order of the
 * schema, shared runtime wiring, locales, HTTPS URLs under /addin/ that exist in the build output,
 * and every resid defined.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildAddinResult, buildAddin } from "../../../addin/build.mjs";
import { renderManifest } from "../../../server/src/http/addin.js";
import { child, children, descendants, parseXml, type XmlElement, path as xpath } from "./support/xml.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const manifest = parseXml(readFileSync(path.join(repoRoot, "manifest.xml"), "utf8"));
const DEV_ORIGIN = "https://localhost:3000";
/** The English locales Office may report: each gets the English texts (French is the default). */
const ENGLISH_LOCALES = ["en-US", "en-GB", "en-CA", "en-AU", "en-IE", "en-NZ", "en-IN", "en-ZA", "en-SG"];
const ADDIN_BASE = `${DEV_ORIGIN}/addin/`;

/** OfficeApp children of a TaskPaneApp, in the order the schema requires. */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "VersionOverrides",
];

let build: BuildAddinResult;
let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), "addin-manifest-"));
  build = await buildAddin({ outDir });
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function expectOrder(element: XmlElement, order: string[]): void {
  const names = element.children.map((c) => c.name);
  for (const name of names) expect(order, `<${name}> is not allowed in <${element.name}>`).toContain(name);
  const positions = names.map((n) => order.indexOf(n));
  expect(positions, `children of <${element.name}>: ${names.join(", ")}`).toEqual([...positions].sort((a, b) => a - b));
}

const versionOverrides = () => child(manifest, "VersionOverrides");
const workbookHost = () => {
  const host = child(child(versionOverrides(), "Hosts"), "Host");
  expect(host.attributes["xsi:type"]).toBe("Workbook");
  return host;
};
const resources = () => child(versionOverrides(), "Resources");

/** id → element of every bt:Image, bt:Url and bt:String resource. */
function resourceIndex(): Map<string, XmlElement> {
  const index = new Map<string, XmlElement>();
  for (const element of descendants(resources())) {
    if (!["bt:Image", "bt:Url", "bt:String"].includes(element.name)) continue;
    const id = element.attributes.id as string;
    expect(index.has(id), `resource ${id} defined twice`).toBe(false);
    index.set(id, element);
  }
  return index;
}

describe("manifest.xml", () => {
  it("is a TaskPaneApp with the schema's element order and a stable GUID", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.attributes.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expectOrder(manifest, OFFICE_APP_ORDER);
    for (const required of [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "Hosts",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]) {
      expect(children(manifest, required), required).toHaveLength(1);
    }
    expect(child(manifest, "Id").text).toBe("e57a9523-9ecb-4cf3-94f2-c61b9958c473");
    expect(child(manifest, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(children(child(manifest, "Hosts"), "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(child(manifest, "Permissions").text).toBe("ReadWriteDocument");
  });

  it("is French first with English overrides, for every English locale, of its name, description and every string", () => {
    expect(child(manifest, "DefaultLocale").text).toBe("fr-FR");
    for (const name of ["DisplayName", "Description"]) {
      const element = child(manifest, name);
      expect(element.attributes.DefaultValue).toBeTruthy();
      expect(children(element, "Override").map((o) => o.attributes.Locale)).toEqual(ENGLISH_LOCALES);
      expect(new Set(children(element, "Override").map((o) => o.attributes.Value)).size).toBe(1);
    }
    expect(child(manifest, "DisplayName").attributes.DefaultValue?.length).toBeLessThanOrEqual(125);
    expect(child(manifest, "Description").attributes.DefaultValue?.length).toBeLessThanOrEqual(250);
    for (const group of ["bt:ShortStrings", "bt:LongStrings"]) {
      for (const s of children(child(resources(), group), "bt:String")) {
        const max = group === "bt:ShortStrings" ? 125 : 250;
        expect(s.attributes.DefaultValue?.length, s.attributes.id).toBeLessThanOrEqual(max);
        if (s.attributes.id === "Functions.Namespace") continue; // a formula namespace is not translated
        const overrides = children(s, "bt:Override");
        expect(
          overrides.map((o) => o.attributes.Locale),
          s.attributes.id,
        ).toEqual(ENGLISH_LOCALES);
        expect(new Set(overrides.map((o) => o.attributes.Value)).size, s.attributes.id).toBe(1);
        for (const o of overrides) expect(o.attributes.Value?.length).toBeLessThanOrEqual(max);
      }
    }
  });

  it("requires the shared runtime and wires one long-lived runtime to the task pane, functions and commands", () => {
    const sets = xpath(manifest, "Requirements", "Sets");
    expect(children(sets, "Set").map((s) => [s.attributes.Name, s.attributes.MinVersion])).toContainEqual([
      "SharedRuntime",
      "1.1",
    ]);
    const vo = versionOverrides();
    expect(vo.attributes["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(vo.attributes.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expectOrder(vo, ["Description", "Requirements", "Hosts", "Resources", "EquivalentAddins"]);

    const host = workbookHost();
    expectOrder(host, ["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = xpath(host, "Runtimes", "Runtime");
    expect(runtime.attributes.lifetime).toBe("long");
    const page = runtime.attributes.resid;

    const cf = xpath(host, "AllFormFactors", "ExtensionPoint");
    expect(cf.attributes["xsi:type"]).toBe("CustomFunctions");
    expectOrder(cf, ["Script", "Page", "Metadata", "Namespace"]);
    expect(xpath(cf, "Page", "SourceLocation").attributes.resid).toBe(page);
    const namespace = resourceIndex().get(child(cf, "Namespace").attributes.resid as string);
    expect(namespace?.attributes.DefaultValue).toBe("CONTRATS");

    const desktop = child(host, "DesktopFormFactor");
    expectOrder(desktop, ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expect(child(desktop, "FunctionFile").attributes.resid).toBe(page);
    const action = descendants(desktop).find((e) => e.name === "Action");
    expect(action?.attributes["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action as XmlElement, "SourceLocation").attributes.resid).toBe(page);
    const button = descendants(desktop).find((e) => e.name === "Control");
    expect(button?.attributes["xsi:type"]).toBe("Button");
    expectOrder(button as XmlElement, ["Label", "Supertip", "Icon", "Action"]);
  });

  it("defines every resid it references, once, with ids of at most 32 characters", () => {
    const index = resourceIndex();
    const referenced = descendants(manifest).flatMap((e) => (e.attributes.resid ? [e.attributes.resid] : []));
    expect(referenced.length).toBeGreaterThan(10);
    for (const resid of referenced) expect(index.has(resid), `resid ${resid} is not defined`).toBe(true);
    for (const id of index.keys()) expect(id.length, id).toBeLessThanOrEqual(32);
    // Icons: the sizes the ribbon needs.
    const images = children(child(resources(), "bt:Images"), "bt:Image");
    expect(images.map((i) => i.attributes.DefaultValue)).toEqual([16, 32, 80].map((s) => `${ADDIN_BASE}assets/icon-${s}.png`));
  });

  it("uses HTTPS everywhere, and every file URL points under /addin/ at a file the build produces", () => {
    const urls: string[] = [];
    for (const e of descendants(manifest)) {
      for (const [name, value] of Object.entries(e.attributes)) {
        if (name.startsWith("xmlns")) continue;
        if (value.includes("://")) urls.push(value);
      }
      if (e.name === "AppDomain") urls.push(e.text.trim());
    }
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//);
    const files = urls.filter((u) => u !== DEV_ORIGIN);
    for (const url of files) {
      expect(url.startsWith(ADDIN_BASE), `${url} is not under ${ADDIN_BASE}`).toBe(true);
      const file = new URL(url).pathname.slice("/addin/".length);
      // A page, or a logical name the server answers with the build's content-hashed file.
      expect(build.files.includes(file) || file in build.assets, `${file} is not in the build output`).toBe(true);
    }
    // The pages the runtime needs are among them.
    for (const needed of ["taskpane.html", "functions.js", "functions.json"]) expect(files).toContain(`${ADDIN_BASE}${needed}`);
    expect(children(child(manifest, "AppDomains"), "AppDomain").map((a) => a.text)).toEqual([DEV_ORIGIN]);
  });
});

describe("the XML reader used here", () => {
  it("rejects malformed XML", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/closes/);
    expect(() => parseXml("<a x='1' x='2'/>")).toThrow(/duplicate/);
    expect(() => parseXml("<a>")).toThrow(/unclosed/);
    expect(parseXml("<?xml version='1.0'?><!-- c --><a k=\"&lt;&#65;\">t&amp;<![CDATA[<x>]]></a>")).toMatchObject({
      name: "a",
      attributes: { k: "<A" },
      text: "t&<x>",
    });
  });
});

describe("the manifest the server serves (GET /addin/manifest.xml)", () => {
  it("points every URL at the public address, and every file at its content-hashed name", () => {
    const template = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
    const rendered = renderManifest(template, "https://contrats.example.fr/crm", build.assets);
    expect(rendered).not.toContain("localhost");
    const parsed = parseXml(rendered);
    const urls = descendants(parsed).flatMap((e) => [
      ...Object.entries(e.attributes)
        .filter(([name, value]) => !name.startsWith("xmlns") && value.includes("://"))
        .map(([, value]) => value),
      ...(e.name === "AppDomain" ? [e.text.trim()] : []),
    ]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      if (url === "https://contrats.example.fr") continue; // the AppDomain is an origin
      expect(url, url).toMatch(/^https:\/\/contrats\.example\.fr\/crm\/addin\//);
      const file = url.slice("https://contrats.example.fr/crm/addin/".length);
      expect(build.files, url).toContain(file);
    }
    expect(urls).toContain(`https://contrats.example.fr/crm/addin/${build.assets["functions.json"]}`);
    expect(urls).toContain("https://contrats.example.fr/crm/addin/taskpane.html");
    expect(children(child(parsed, "AppDomains"), "AppDomain").map((a) => a.text)).toEqual(["https://contrats.example.fr"]);
    // Everything but the addresses (and the template's comment) is the template's.
    const withoutComment = (x: string) => x.replace(/<!--[\s\S]*?-->/, "");
    expect(withoutComment(rendered).replace(/https:\/\/contrats\.example\.fr(\/crm\/addin\/[^"<]+)?/g, "URL")).toBe(
      withoutComment(template).replace(/https:\/\/localhost:3000(\/addin\/[^"<]+)?/g, "URL"),
    );
    expect(rendered).toContain('<!-- The "Contrats" add-in, served by its server for https://contrats.example.fr/crm. -->');
  });

  it("escapes the address for XML", () => {
    expect(renderManifest('<a href="https://localhost:3000/addin/x.js"/>', "https://a.example/b&c", {})).toBe(
      '<a href="https://a.example/b&amp;c/addin/x.js"/>',
    );
  });
});
