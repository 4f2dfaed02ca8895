/** Connection panel: server URL and API token, checked with `{ me { name role } }` before saving. */
import { ApiError, createClient } from "../api/client.js";
import { ME, type MeResult } from "../api/operations.js";
import { clearSettings, defaultServerUrl, loadSettings, saveSettings } from "../api/settings.js";
import type { App } from "./app.js";
import { byId, markInvalid, withBusy } from "./dom.js";

/** HTTPS, or plain HTTP only for this machine or the page's own origin (development, tests). */
export function acceptableServerUrl(raw: string, pageOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  if (url.protocol !== "http:") return false;
  return url.origin === pageOrigin || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export async function setupConnect(app: App): Promise<void> {
  const form = byId<HTMLFormElement>("connect-form");
  const urlInput = byId<HTMLInputElement>("server-url");
  const tokenInput = byId<HTMLInputElement>("token");
  const save = byId<HTMLButtonElement>("connect-save");
  const t = app.t;

  const settings = await loadSettings();
  app.state.settings = settings;
  urlInput.value = settings.serverUrl;
  tokenInput.value = settings.token;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void withBusy(save, async () => {
      app.clearMessage();
      const serverUrl = urlInput.value.trim() || defaultServerUrl();
      const token = tokenInput.value.trim();
      const bad: string[] = [];
      if (!acceptableServerUrl(serverUrl, defaultServerUrl())) bad.push("serverUrl");
      if (!token) bad.push("token");
      urlInput.toggleAttribute("aria-invalid", bad.includes("serverUrl"));
      tokenInput.toggleAttribute("aria-invalid", bad.includes("token"));
      if (bad.length > 0) {
        app.show(bad.map((f) => (f === "token" ? t("tokenRequired") : t("urlInvalid"))).join("\n"), "error");
        return;
      }
      try {
        const { me } = await createClient({ serverUrl, token }).request<MeResult>(ME);
        app.state.settings = { serverUrl, token };
        await saveSettings(app.state.settings);
        app.connected(me);
        app.show(t("connectedAs", { name: me.name, role: me.role }), "success");
      } catch (error) {
        // Keep the typed values for correction, but report why they were not saved.
        app.state.settings = { serverUrl, token };
        app.connected(null);
        app.fail(error);
        if (error instanceof ApiError && error.kind === "UNAUTHENTICATED") tokenInput.setAttribute("aria-invalid", "true");
        if (error instanceof ApiError && error.kind === "NETWORK") urlInput.setAttribute("aria-invalid", "true");
      }
    });
  });

  byId<HTMLButtonElement>("connect-forget").addEventListener("click", () => {
    void (async () => {
      await clearSettings();
      app.state.settings = { serverUrl: defaultServerUrl(), token: "" };
      urlInput.value = app.state.settings.serverUrl;
      tokenInput.value = "";
      markInvalid(form, []);
      app.connected(null);
      app.show(t("forgotten"), "info");
    })();
  });

  // Stored settings: check them quietly at start so the status line is right.
  if (settings.token) {
    try {
      const { me } = await createClient(settings).request<MeResult>(ME);
      app.connected(me);
    } catch {
      app.connected(null);
    }
  }
}
