/**
 * Connection panel: server URL and API token, checked with `{ me { name role } }` before saving.
 * At start-up a saved connection is checked the same way; when it fails the status line and the
 * panel say why (server unreachable or silent, token refused), never a bare "Non connecté".
 */
import { ApiError } from "../api/client.js";
import { ME, type MeResult } from "../api/operations.js";
import { clearSettings, defaultServerUrl, loadSettings, saveSettings } from "../api/settings.js";
import type { App } from "./app.js";
import { byId, markInvalid } from "./dom.js";
import { roleLabel, type Translate } from "./i18n.js";
import { LocalProblems } from "./messages.js";
import { Feedback, showFieldProblems } from "./view.js";

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

/** The few words of the status line that say why a connection failed. */
export function failureReason(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t("reasonOther");
  switch (error.kind) {
    case "NETWORK":
      return t("reasonUnreachable");
    case "TIMEOUT":
      return t("reasonTimeout");
    case "UNAUTHENTICATED":
      return t("reasonTokenRefused");
    case "UNAVAILABLE":
    case "RATE_LIMITED":
      return t("reasonUnavailable");
    default:
      return t("reasonOther");
  }
}

export async function setupConnect(app: App): Promise<void> {
  const form = byId<HTMLFormElement>("connect-form");
  const urlInput = byId<HTMLInputElement>("server-url");
  const tokenInput = byId<HTMLInputElement>("token");
  const save = byId<HTMLButtonElement>("connect-save");
  const feedback = new Feedback(byId("connect-feedback"));
  const t = app.t;

  const settings = await loadSettings();
  app.state.settings = settings;
  urlInput.value = settings.serverUrl;
  tokenInput.value = settings.token;

  /** Marks the input a connection failure points at. */
  const markCause = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    const path =
      error.kind === "UNAUTHENTICATED" ? "token" : error.kind === "NETWORK" || error.kind === "TIMEOUT" ? "serverUrl" : null;
    if (path) markInvalid(form, [path]);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void app.act(
      save,
      feedback,
      async () => {
        const serverUrl = urlInput.value.trim() || defaultServerUrl();
        const token = tokenInput.value.trim();
        const problems = [];
        if (!acceptableServerUrl(serverUrl, defaultServerUrl())) problems.push({ path: "serverUrl", message: t("urlInvalid") });
        if (!token) problems.push({ path: "token", message: t("tokenRequired") });
        if (problems.length > 0) throw new LocalProblems(problems);
        try {
          const { me } = await app.clientFor({ serverUrl, token }).request<MeResult>(ME);
          app.state.settings = { serverUrl, token };
          await saveSettings(app.state.settings);
          app.connected(me);
          feedback.show("success", t("connectedAs", { name: me.name, role: roleLabel(t, me.role) }));
        } catch (error) {
          // Keep the typed values for correction, but report why they were not saved.
          app.state.settings = { serverUrl, token };
          app.connected(null, failureReason(error, t));
          throw error;
        }
      },
      { fields: form, onError: markCause },
    );
  });

  const forget = byId<HTMLButtonElement>("connect-forget");
  forget.addEventListener("click", () => {
    void app.act(forget, feedback, async () => {
      await clearSettings();
      app.state.settings = { serverUrl: defaultServerUrl(), token: "" };
      urlInput.value = app.state.settings.serverUrl;
      tokenInput.value = "";
      showFieldProblems(form, []);
      app.connected(null);
      feedback.show("info", t("forgotten"));
    });
  });

  // Saved settings: checked at start so the status line is right, and a failure says why.
  if (settings.token) {
    try {
      const { me } = await app.clientFor(settings).request<MeResult>(ME);
      app.connected(me);
    } catch (error) {
      app.connected(null, failureReason(error, t));
      const explained = app.explain(error);
      feedback.show("error", t("savedConnectionFailed"), [explained.title, ...explained.lines]);
      markCause(error);
    }
  }
}
