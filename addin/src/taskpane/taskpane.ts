/**
 * Entry point of the task pane page (also the shared runtime's page: functions.js is loaded by the
 * same HTML). Waits for Office.js, picks the language, wires the three panels.
 */
import { hostInfo, notify } from "../office/helpers-adapter.js";
import { App } from "./app.js";
import { setupConnect } from "./connect.js";
import { byId } from "./dom.js";
import { detectLanguage, type MessageKey, translator } from "./i18n.js";
import { setupQuote } from "./quote.js";
import { setupRenewals } from "./renewals.js";

/** Office.onReady, but never waiting forever (office.js unreachable or the page opened outside Office). */
async function officeReady(timeoutMs = 5000): Promise<void> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return;
  await Promise.race([office.onReady().then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}

function displayLanguage(): string | null {
  try {
    return (globalThis as { Office?: typeof Office }).Office?.context?.displayLanguage ?? null;
  } catch {
    return null;
  }
}

function translatePage(t: ReturnType<typeof translator>, lang: string): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of document.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  }
  document.title = t("appTitle");
}

function setupTabs(): void {
  const tabs = ["connect", "quote", "renewals"];
  for (const name of tabs) {
    byId(`tab-${name}`).addEventListener("click", () => {
      for (const other of tabs) {
        byId(`tab-${other}`).setAttribute("aria-selected", String(other === name));
        byId(`panel-${other}`).hidden = other !== name;
      }
    });
  }
}

async function start(): Promise<void> {
  await officeReady();
  const lang = detectLanguage(displayLanguage(), new URLSearchParams(location.search).get("lang"));
  const t = translator(lang);
  translatePage(t, lang);
  const app = new App(lang, t);
  setupTabs();
  await setupQuote(app);
  setupRenewals(app);
  await setupConnect(app);
  // Straight to work when already connected.
  if (app.state.me) byId(app.state.me.role === "FINANCE" ? "tab-renewals" : "tab-quote").click();
  // For support: where the pane runs (office-js-helpers' host detection).
  const host = await hostInfo();
  document.body.dataset.host = host.host ?? "";
  byId("host-info").textContent = [host.host, host.platform].filter(Boolean).join(" · ");
  document.body.dataset.ready = "true";
}

start().catch((error: unknown) => {
  console.error(error);
  void notify(error instanceof Error ? error.message : String(error), "Contrats");
});
