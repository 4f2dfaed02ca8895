/**
 * What the pane's panels share: words, connection, the way to the server and to Excel, and how an
 * action runs (busy button, its own feedback line, field problems beside the fields). Panels get
 * it through `setupX(app, …)`, so each stays a small module of UI code over the api/ and excel/ layers.
 */
import { ApiError, createClient, type GraphQLClient } from "../api/client.js";
import { type CustomerSummary, OFFERS, type Offer, type OffersResult, type Role } from "../api/operations.js";
import { salesApi } from "../api/sales.js";
import { type ConnectionSettings, defaultServerUrl } from "../api/settings.js";
import { QuoteSheetError } from "../excel/quote-sheet.js";
import { MoneyFormatError } from "../shared/money.js";
import { byId } from "./dom.js";
import { type Lang, roleLabel, type Translate } from "./i18n.js";
import { describeError, type Explained, explainError, LocalProblems, PaneMessage } from "./messages.js";
import { type Feedback, reveal, showFieldProblems, withBusy } from "./view.js";

export interface AppState {
  settings: ConnectionSettings;
  me: { name: string; role: Role } | null;
  offers: Offer[] | null;
}

/** `Accept-Language` for the pane's language: Office's display language when it agrees, else the language alone. */
export function acceptLanguage(lang: Lang, displayLanguage: string | null): string {
  const office = (displayLanguage ?? "").trim();
  return office.toLowerCase().startsWith(lang) ? office : lang;
}

export interface ActOptions {
  /** Where the inputs of the action are: field problems are written beside them. */
  fields?: ParentNode;
  /** Called with the failure before it is shown (e.g. reload a quote after a CONFLICT). */
  onError?: (error: unknown) => Promise<void> | void;
  /** Replaces the usual explanation of some failures (e.g. a CONFLICT while signing). */
  explain?: (error: unknown) => Explained | null;
}

export class App {
  readonly state: AppState = { settings: { serverUrl: defaultServerUrl(), token: "" }, me: null, offers: null };
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly lang: Lang,
    readonly t: Translate,
    /** Office's display language (`fr-FR` …), null outside Office. */
    readonly displayLanguage: string | null = null,
  ) {}

  /** A client for the saved connection, speaking the pane's language. */
  clientFor(settings: ConnectionSettings): GraphQLClient {
    return createClient({ ...settings, language: acceptLanguage(this.lang, this.displayLanguage) });
  }

  client(): GraphQLClient {
    if (!this.state.settings.token) throw new PaneMessage(this.t("connectFirst"));
    return this.clientFor(this.state.settings);
  }

  /** The sales journey's calls over the current connection. */
  sales() {
    return salesApi(this.client());
  }

  /** Called when the connection changes (panels reload what depends on it). */
  onConnected(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The status line: who is connected, or why not. */
  connected(me: AppState["me"], reason?: string): void {
    this.state.me = me;
    this.state.offers = null;
    const status = byId("connect-status");
    status.textContent = me
      ? this.t("connectedAs", { name: me.name, role: roleLabel(this.t, me.role) })
      : reason
        ? this.t("notConnectedBecause", { reason })
        : this.t("notConnected");
    status.classList.toggle("ok", me !== null);
    status.classList.toggle("problem", me === null && reason !== undefined);
    for (const listener of this.listeners) listener();
  }

  explain(error: unknown): Explained {
    // What people can fix is said to them; what they cannot (a bug, a server fault) is also logged.
    if (isUnexpected(error)) console.error(error);
    return explainError(error, this.t, { serverUrl: this.state.settings.serverUrl, role: this.roleName() });
  }

  private roleName(): string | null {
    return this.state.me ? roleLabel(this.t, this.state.me.role) : null;
  }

  /**
   * Runs one action of the pane: `button` busy while it runs, `feedback` (the line under the
   * button) cleared at the start and showing the failure at the end, field problems beside the
   * fields. Success messages are the action's own (`feedback.show("success", …)`).
   */
  async act(button: HTMLButtonElement, feedback: Feedback, work: () => Promise<void>, options: ActOptions = {}): Promise<void> {
    await withBusy(button, async () => {
      feedback.clear();
      if (options.fields) showFieldProblems(options.fields, []);
      try {
        await work();
      } catch (error) {
        try {
          await options.onError?.(error);
        } catch (secondary) {
          console.error(secondary);
        }
        const explained = options.explain?.(error) ?? this.explain(error);
        if (options.fields && explained.fields.length > 0) showFieldProblems(options.fields, explained.fields);
        feedback.show("error", explained.title, explained.lines);
      }
    });
    // The page may have moved under it while the button was busy: the result stays in view.
    if (!feedback.element.hidden) reveal(feedback.element);
  }

  // --- the single message box, for the renewal panel ------------------------------------------

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
    if (error instanceof PaneMessage) {
      this.show(error.message, "error");
      return;
    }
    if (isUnexpected(error)) console.error(error);
    this.show(describeError(error, this.t, { serverUrl: this.state.settings.serverUrl, role: this.roleName() }), "error");
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
    return this.sales().searchCustomers(search);
  }
}

function isUnexpected(error: unknown): boolean {
  if (error instanceof ApiError) return error.kind === "SERVER";
  return !(
    error instanceof PaneMessage ||
    error instanceof LocalProblems ||
    error instanceof MoneyFormatError ||
    error instanceof QuoteSheetError
  );
}

/** Excel is not there (the pane opened in a plain browser). */
export class ExcelUnavailableError extends PaneMessage {}
