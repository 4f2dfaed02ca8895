/**
 * GET /addin/manifest.xml on a real server: every address is PUBLIC_URL's (or, unset, the request's
 * own origin), every file its content-hashed name; hashed files are cached for good, the rest is
 * revalidated, so a deployment is never served stale.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildAddinResult, buildAddin } from "../../addin/build.mjs";
import { loadConfig } from "../../server/src/config.js";
import { startTestServer, type TestServer } from "../support/server.js";

let build: BuildAddinResult;
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "addin-manifest-api-"));
  build = await buildAddin({ outDir: dir });
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function serve(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ env: { ADDIN_DIR: dir, ...env } });
  servers.push(server);
  return server;
}

/** Every URL of a manifest: attribute values holding "://" (but namespaces) and AppDomain texts. */
function urlsOf(xml: string): string[] {
  const attributes = [...xml.matchAll(/\s([\w:]+)="([^"]*:\/\/[^"]*)"/g)]
    .filter(([, name]) => !name?.startsWith("xmlns"))
    .map(([, , v]) => v as string);
  const domains = [...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map(([, v]) => v as string);
  return [...attributes, ...domains];
}

describe("GET /addin/manifest.xml", () => {
  it("uses PUBLIC_URL in every source location", async () => {
    const server = await serve({ PUBLIC_URL: "https://contrats.example.fr" });
    const response = await fetch(`${server.url}/addin/manifest.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const xml = await response.text();
    const urls = urlsOf(xml);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\/contrats\.example\.fr(\/addin\/|$)/);
    expect(xml).not.toContain("localhost");
    expect(xml).not.toContain("127.0.0.1");
    // The files it names are the build's content-hashed ones, and the server has them.
    expect(xml).toContain(`<SourceLocation DefaultValue="https://contrats.example.fr/addin/taskpane.html"/>`);
    expect(xml).toContain(`https://contrats.example.fr/addin/${build.assets["functions.json"]}`);
    for (const url of urls.filter((u) => u.includes("/addin/"))) {
      const file = await fetch(`${server.url}${new URL(url).pathname}`);
      expect(file.status, url).toBe(200);
    }
  });

  it("uses the request's own origin when PUBLIC_URL is unset", async () => {
    const server = await serve({ PUBLIC_URL: "" });
    const xml = await (await fetch(`${server.url}/addin/manifest.xml`)).text();
    for (const url of urlsOf(xml)) expect(url, url).toMatch(new RegExp(`^${server.url.replace(/[.]/g, "\\.")}(/addin/|$)`));
  });

  it("caches content-hashed files for good and revalidates pages and logical names", async () => {
    const server = await serve({});
    const hashed = await fetch(`${server.url}/addin/${build.assets["taskpane.js"]}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const page = await fetch(`${server.url}/addin/taskpane.html`);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain(build.assets["taskpane.js"]);
    // A logical name (the development manifest's, or an old bookmark) answers with today's file.
    const logical = await fetch(`${server.url}/addin/functions.json`);
    expect(logical.status).toBe(200);
    expect(logical.headers.get("cache-control")).toBe("no-cache");
    expect((await logical.json()).functions.map((f: { id: string }) => f.id)).toEqual(build.functionIds);
  });

  it("refuses to start with a PUBLIC_URL Office could not load, and keeps a path prefix", () => {
    expect(() => loadConfig({ PUBLIC_URL: "http://contrats.example.fr" })).toThrow(/PUBLIC_URL must use https/);
    expect(() => loadConfig({ PUBLIC_URL: "contrats.example.fr" })).toThrow(/PUBLIC_URL must be an absolute URL/);
    expect(loadConfig({ PUBLIC_URL: "https://contrats.example.fr/crm/" }).publicUrl).toBe("https://contrats.example.fr/crm");
    expect(loadConfig({ PUBLIC_URL: "http://localhost:4000" }).publicUrl).toBe("http://localhost:4000");
    expect(loadConfig({}).publicUrl).toBeNull();
  });
});
