/**
 * Entry point of the task pane page (also the shared runtime's page: functions.js is loaded by the
 * same HTML). Waits for Office.js, picks the language, wires the panels and the sales journey's steps.
 */
import { unsupportedExcel } from "../excel/requirements.js";
import { hostInfo, notify } from "../office/helpers-adapter.js";
import { App } from "./app.js";
import { setupConnect } from "./connect.js";
import { setupContractsStep } from "./contracts.js";
import { setupCustomerStep } from "./customer.js";
import { byId, translateTree } from "./dom.js";
import { detectLanguage, translator } from "./i18n.js";
import { Journey } from "./journey.js";
import { setupMandateStep } from "./mandate.js";
import { setupQuoteEditor } from "./quote-editor.js";
import { setupQuoteListStep } from "./quote-list.js";
import { setupRenewals } from "./renewals.js";
import { setupSigningStep } from "./signing.js";

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
  const office = displayLanguage();
  const lang = detectLanguage(office, new URLSearchParams(location.search).get("lang"));
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t("appTitle");
  translateTree(document, t);
  const app = new App(lang, t, office);
  // An Excel too old for the sheets says so at once, in the user's language.
  const unsupported = unsupportedExcel((globalThis as { Office?: unknown }).Office as Parameters<typeof unsupportedExcel>[0]);
  if (unsupported) {
    const banner = document.createElement("p");
    banner.id = "excel-requirements";
    banner.className = "message error";
    banner.setAttribute("role", "alert");
    banner.textContent = unsupported[lang];
    document.body.prepend(banner);
  }
  const journey = new Journey();
  setupTabs();
  setupCustomerStep(app, journey);
  setupMandateStep(app, journey);
  setupQuoteListStep(app, journey);
  setupQuoteEditor(app, journey);
  setupSigningStep(app, journey);
  setupContractsStep(app, journey);
  setupRenewals(app);
  await setupConnect(app);
  // Straight to work when already connected; to the Connection tab, with the reason, when not.
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
