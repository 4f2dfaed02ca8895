import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import devCerts from "office-addin-dev-certs";
import * as devCertDefaults from "office-addin-dev-certs/lib/defaults.js";
import { openApp } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { startHttpServer } from "./http/app.js";
import { createLogger } from "./logger.js";

/**
 * `npm run addin:dev`: the server for sideloading the add-in in Excel, which only loads HTTPS pages.
 * The usual server runs on a loopback port, and an HTTPS front on ADDIN_DEV_PORT (default 3000, the
 * port manifest.xml points at) forwards to it, with a development certificate from
 * office-addin-dev-certs (it creates a local CA once and asks the OS to trust it).
 */
const DEV_PORT = Number(process.env.ADDIN_DEV_PORT ?? 3000);
const logger = createLogger();

const config = loadConfig();
const { services, firstAdminToken } = await openApp(config, { createFirstAdminToken: true });
const inner = await startHttpServer(services, logger, 0, "127.0.0.1");
const tls = await developmentCertificate();

const front = https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca }, (req, res) => {
  const upstream = http.request(
    { host: "127.0.0.1", port: inner.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    res.writeHead(502).end("upstream unavailable");
  });
  req.pipe(upstream);
});
front.listen(DEV_PORT, () => {
  process.stdout.write(
    `Add-in dev server: https://localhost:${DEV_PORT}/addin/taskpane.html (manifest.xml points here; ` +
      `its manifest for this address: https://localhost:${DEV_PORT}/addin/manifest.xml)\n` +
      `GraphQL: https://localhost:${DEV_PORT}/graphql\n`,
  );
  if (firstAdminToken) process.stdout.write(`First start: ADMIN token (shown once): ${firstAdminToken}\n`);
});

/**
 * The development certificate, trusted by the OS where office-addin-dev-certs can install its CA
 * (Windows, macOS). Where it cannot (e.g. Linux without sudo) the generated files are still used;
 * trust the CA (~/.office-addin-dev-certs/ca.crt) by hand in that case.
 */
async function developmentCertificate(): Promise<{ key: Buffer; cert: Buffer; ca: Buffer }> {
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    if (!fs.existsSync(devCertDefaults.localhostCertificatePath)) throw error;
    logger.warn("Could not install the development CA; using the generated certificate untrusted", {
      ca: devCertDefaults.caCertificatePath,
      reason: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    return {
      key: fs.readFileSync(devCertDefaults.localhostKeyPath),
      cert: fs.readFileSync(devCertDefaults.localhostCertificatePath),
      ca: fs.readFileSync(devCertDefaults.caCertificatePath),
    };
  }
}
