/**
 * What the pane's panels share: words, connection, messages and the way to Excel. Panels get it
 * through `setupX(app)`, so each stays a small module of UI code over the api/ and excel/ layers.
 */
import { ApiError, createClient, type GraphQLClient } from "../api/client.js";
import {
  CUSTOMERS,
  type CustomerSummary,
  type CustomersResult,
  OFFERS,
  type Offer,
  type OffersResult,
  type Role,
} from "../api/operations.js";
import { type ConnectionSettings, defaultServerUrl } from "../api/settings.js";
import { byId } from "./dom.js";
import type { Lang, Translate } from "./i18n.js";
import { describeError } from "./messages.js";

export interface AppState {
  settings: ConnectionSettings;
  me: { name: string; role: Role } | null;
  offers: Offer[] | null;
}

export class App {
  readonly state: AppState = { settings: { serverUrl: defaultServerUrl(), token: "" }, me: null, offers: null };
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly lang: Lang,
    readonly t: Translate,
  ) {}

  client(): GraphQLClient {
    if (!this.state.settings.token) throw new ApiError("UNAUTHENTICATED", this.t("connectFirst"));
    return createClient(this.state.settings);
  }

  /** Called when the connection changes (panels reload what depends on it). */
  onConnected(listener: () => void): void {
    this.listeners.push(listener);
  }

  connected(me: AppState["me"]): void {
    this.state.me = me;
    this.state.offers = null;
    const status = byId("connect-status");
    status.textContent = me ? this.t("connectedAs", { name: me.name, role: me.role }) : this.t("notConnected");
    status.classList.toggle("ok", me !== null);
    for (const listener of this.listeners) listener();
  }

  show(text: string, kind: "info" | "success" | "error" = "info"): void {
    const box = byId("message");
    box.textContent = text;
    box.className = `message ${kind}`;
    box.setAttribute("role", kind === "error" ? "alert" : "status");
    box.hidden = text === "";
  }

  clearMessage(): void {
    this.show("");
  }

  /** Shows any failure as a sentence people can act on. */
  fail(error: unknown): void {
    if (error instanceof ExcelUnavailableError) {
      this.show(error.message, "error");
      return;
    }
    if (!(error instanceof ApiError) || error.kind === "SERVER") console.error(error);
    if (error instanceof ApiError && error.kind === "UNAUTHENTICATED" && !this.state.settings.token) {
      this.show(this.t("connectFirst"), "error");
      return;
    }
    this.show(
      describeError(error, this.t, {
        serverUrl: this.state.settings.serverUrl,
        role: this.state.me?.role ?? null,
        lang: this.lang,
      }),
      "error",
    );
  }

  /** Excel.run when Excel is there; a clear message otherwise (the pane opened in a plain browser). */
  async excel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const excel = (globalThis as { Excel?: { run?: typeof Excel.run } }).Excel;
    if (!excel?.run) throw new ExcelUnavailableError(this.t("errNoExcel"));
    return excel.run(batch);
  }

  async offers(): Promise<Offer[]> {
    if (!this.state.offers) {
      const result = await this.client().request<OffersResult>(OFFERS);
      this.state.offers = result.offers;
    }
    return this.state.offers;
  }

  async searchCustomers(search: string): Promise<CustomerSummary[]> {
    const result = await this.client().request<CustomersResult>(CUSTOMERS, { search: search.trim() || null, first: 50 });
    return result.customers;
  }
}

export class ExcelUnavailableError extends Error {}
