/**
 * The add-in's files under /addin/, and its manifest for this server's own address:
 *
 * - `GET /addin/manifest.xml`: the repository's manifest.xml (copied by the build as
 *   manifest.template.xml) with every `https://localhost:3000` replaced by PUBLIC_URL (default:
 *   the request's own origin, as the proxies in TRUST_PROXY report it) and every file it names
 *   replaced by the build's content-hashed file. Served uncached.
 * - Content-hashed files (`taskpane.1a2b3c4d.js`): cached for a year, immutable; a new build has new
 *   names, so a deployment is never served stale.
 * - Everything else (the pages, and the logical names such as `functions.json`, answered with the
 *   current hashed file): revalidated on every use (`no-cache`).
 */
import fs from "node:fs";
import path from "node:path";
import express, { type Request, type Router } from "express";
import { languageOf } from "../domain/text.js";
import { ADDIN_NOT_BUILT } from "./messages.js";

/** The origin the development manifest points at; the template's placeholder. */
export const TEMPLATE_ORIGIN = "https://localhost:3000";
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;

/** Escapes a value for an XML attribute or text. */
function xml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The manifest for `publicUrl` (origin and optional path, no trailing slash): the template's
 * origin replaced everywhere (URLs and AppDomain), and each file under /addin/ by its built name.
 */
export function renderManifest(template: string, publicUrl: string, assets: Record<string, string>): string {
  const base = xml(publicUrl);
  return template
    .replace(/<!--[\s\S]*?-->/, `<!-- The "Contrats" add-in, served by its server for ${base.replace(/--/g, "- -")}. -->`)
    .replace(/https:\/\/localhost:3000\/addin\/([^"<\s]+)/g, (_, file: string) => `${base}/addin/${xml(assets[file] ?? file)}`)
    .replaceAll(TEMPLATE_ORIGIN, xml(new URL(publicUrl).origin));
}

/** The request's own origin (behind a trusted proxy: the one it reports). */
function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host")}`;
}

export function addinRoutes(addinDir: string, publicUrl: string | null): Router {
  const router = express.Router();
  if (!fs.existsSync(addinDir)) {
    router.use((req, res) => {
      res
        .status(404)
        .type("text/plain")
        .send(ADDIN_NOT_BUILT[languageOf(req.get("accept-language"))]);
    });
    return router;
  }
  const read = (file: string) => fs.readFileSync(path.join(addinDir, file), "utf8");
  // Read once: a build replaces the directory, and the server is restarted to serve it.
  const assets: Record<string, string> = fs.existsSync(path.join(addinDir, "assets.json")) ? JSON.parse(read("assets.json")) : {};
  const template = fs.existsSync(path.join(addinDir, "manifest.template.xml")) ? read("manifest.template.xml") : null;

  router.get("/manifest.xml", (req, res) => {
    if (!template) {
      res
        .status(404)
        .type("text/plain")
        .send(ADDIN_NOT_BUILT[languageOf(req.get("accept-language"))]);
      return;
    }
    res.set("Cache-Control", "no-cache");
    res.type("application/xml").send(renderManifest(template, publicUrl ?? requestOrigin(req), assets));
  });
  // A logical name answers with its current file, revalidated each time.
  router.get(/.*/, (req, res, next) => {
    const file = assets[req.path.replace(/^\//, "")];
    if (!file) return next();
    res.sendFile(path.join(addinDir, file), { headers: { "Cache-Control": "no-cache" } });
  });
  router.use(
    express.static(addinDir, {
      index: "taskpane.html",
      setHeaders(res, file) {
        res.set("Cache-Control", HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  return router;
}
