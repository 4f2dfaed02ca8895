/**
 * The sales journey in the task pane, end to end, in French and in English: from an empty customer
 * to a signed quote with its contracts, ONLY through the pane's controls, against a real server and
 * database, in Debian's Chromium at Excel's task pane width (350 px). Every step checks that the
 * result of the click is in view, that the screen (and the sheet) holds no text of the other
 * language, and keeps a screenshot in test-artifacts/journey-<lang>-NN-<step>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatIsoForDisplay, isoToSerial, todayInParis } from "../../../addin/src/shared/dates.js";
import { formatCents } from "../../../addin/src/shared/money.js";
import { type Lang, translator } from "../../../addin/src/taskpane/i18n.js";
import { Quote } from "../../../server/src/entities/index.js";
import { chromiumAvailability } from "../../support/chromium-availability.js";
import {
  clearScreenshots,
  connect,
  excelState,
  expectInView,
  expectOneLanguage,
  feedbackOf,
  type Pane,
  type PaneHarness,
  readCells,
  screenshot,
  setCell,
  sheetTexts,
  startPaneHarness,
} from "./taskpane-harness.js";
import { foreignTexts } from "./taskpane-language.js";

const QUOTE_READ = `query($id: ID!) { quote(id: $id) { id status version signerName
  totals { oneOffCents monthlyCents vatCents totalInclVatCents totalContractValueCents }
  lines { position quantity monthlyUnitPriceCents commitmentEnd noticeDeadline }
  contracts { id offer { code } startDate commitment { initialTermEnd noticeDeadline nextNoticeDeadline }
    portingRequests { number requestedOn legalDeadline } } } }`;

/** The catalogue's codes and names, and the terms version: data, the same in every language. */
const OFFER_DATA = [
  "IP-TELEPHONY",
  "EISECURE-BACKUP",
  "MOBILE-FLEET",
  "Téléphonie IP",
  "Externalisation de sauvegarde EISecure",
  "Flotte mobile",
  "CGV-2020-02-01",
];

interface PortingRead {
  number: string;
  requestedOn: string;
  legalDeadline: string;
}
interface Signed {
  id: string;
  portingRequests: PortingRead[];
}

describe.runIf(chromiumAvailability())("the sales journey in the task pane", () => {
  let harness: PaneHarness;

  beforeAll(async () => {
    harness = await startPaneHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  describe.each([
    // Customer names without accents or function words of either language: they show inside messages.
    {
      lang: "fr" as Lang,
      customer: "Boulangerie Kerbrat",
      signer: "Jeanne Kerbrat",
      reference: "RUM-E2E-FR-0001",
      scheme: "CORE",
    },
    { lang: "en" as Lang, customer: "Garage Pemberton", signer: "John Pemberton", reference: "RUM-E2E-EN-0001", scheme: "B2B" },
  ])("in $lang", ({ lang, customer, signer, reference, scheme }) => {
    const t = translator(lang);
    let pane: Pane;
    let token = "";
    let step = 0;
    let quoteId = "";
    const sheet = () => `${t("sheetQuotePrefix")} ${quoteId}`;

    /** After each click: the feedback line says `text`, is in view, and the screen is in one language. */
    async function expectFeedback(id: string, text: string | RegExp, name: string): Promise<string> {
      const shown = await feedbackOf(pane, id);
      if (typeof text === "string") expect(shown).toContain(text);
      else expect(shown).toMatch(text);
      await expectInView(pane.page.locator(`#${id}`));
      await expectOneLanguage(pane);
      step++;
      await screenshot(pane, `journey-${lang}-${String(step).padStart(2, "0")}-${name}`);
      return shown;
    }

    /** No text of the other language on the quote's sheet; data (names, codes, ids) left out. */
    async function expectSheetInOneLanguage(moreData: string[] = []): Promise<void> {
      const data = new Set([customer, quoteId, ...OFFER_DATA, ...moreData]);
      const texts = (await sheetTexts(pane.page, sheet())).filter((s) => !data.has(s));
      expect(foreignTexts(texts, lang)).toEqual([]);
    }

    beforeAll(async () => {
      await clearScreenshots(`journey-${lang}-`);
      pane = await harness.open({ lang });
      token = await harness.token("SALES", lang === "fr" ? "Alice Martin" : "Alice Smith");
    });

    it("connects with a sales token; the status names the role in words", async () => {
      await connect(pane, harness.server.url, token);
      const status = await pane.page.textContent("#connect-status");
      expect(status).toBe(t("connectedAs", { name: lang === "fr" ? "Alice Martin" : "Alice Smith", role: t("role_SALES") }));
      await expectFeedback("connect-feedback", status ?? "", "connected");
      // Every request says the pane's language.
      expect(pane.requests.at(-1)?.headers["accept-language"]).toBe(lang);
    });

    it("creates the customer: the SIREN is checked in the pane as the server does, before any request", async () => {
      const { page } = pane;
      await page.click("#tab-quote");
      await page.click("#new-customer summary");
      await page.fill("#new-customer-name", customer);
      await page.selectOption("#new-customer-category", "OTHER");
      await page.fill("#new-customer-siren", "732 829 321");
      const before = pane.requests.length;
      await page.click("#new-customer-create");
      const shown = await expectFeedback("new-customer-feedback", t("errLocalCheck"), "siren-refused");
      // A local check is not titled as the server's refusal, and no request went out.
      expect(shown).not.toContain(t("errBadInput"));
      expect(pane.requests.length).toBe(before);
      expect(await page.getAttribute("#new-customer-siren", "aria-invalid")).toBe("true");
      const beside = page.locator("#new-customer-siren + .field-error");
      expect(await beside.textContent()).not.toBe("");
      await expectInView(beside);

      await page.fill("#new-customer-siren", "732 829 320");
      await page.click("#new-customer-create");
      await expectFeedback("customer-feedback", t("customerCreated", { name: customer }), "customer-created");
      expect(await page.locator("#new-customer-siren + .field-error").count()).toBe(0);
      expect(await page.inputValue("#customer-select")).not.toBe("");
    });

    it("finds the customer again by searching and picks it", async () => {
      const { page } = pane;
      await page.selectOption("#customer-select", "");
      await expect.poll(() => page.locator("#step-mandate").isHidden()).toBe(true);
      await page.fill("#customer-search", customer.split(" ")[1] as string);
      await page.click("#customer-search-btn");
      await expectFeedback("customer-feedback", t("customerChosen", { name: customer }), "customer-found");
      expect(await page.locator("#step-mandate").isVisible()).toBe(true);
      expect(await page.locator("#mandate-none").isVisible()).toBe(true);
    });

    it("registers a SEPA mandate: the server's refusals beside the fields, then the masked IBAN listed", async () => {
      const { page } = pane;
      // The form is open: the customer has no mandate yet.
      expect(await page.locator("#new-mandate").getAttribute("open")).not.toBeNull();
      await page.fill("#mandate-iban", "FR76 3000 6000 0112 3456 7890 188");
      await page.fill("#mandate-bic", "AGRIFRPP");
      await page.fill("#mandate-reference", reference);
      await page.selectOption("#mandate-scheme", scheme);
      await page.click("#mandate-register");
      const refused = await expectFeedback("mandate-feedback", t("errBadInput"), "mandate-refused");
      expect(refused).toContain(t("field_iban"));
      expect(await page.getAttribute("#mandate-iban", "aria-invalid")).toBe("true");
      expect(await page.locator("#mandate-iban + .field-error").textContent()).not.toBe("");

      await page.fill("#mandate-iban", "FR76 3000 6000 0112 3456 7890 189");
      await page.click("#mandate-register");
      await expectFeedback("mandate-feedback", t("mandateRegistered", { reference }), "mandate-registered");
      expect(await page.locator("#mandate-iban + .field-error").count()).toBe(0);
      // Each click is one attempt with its own key (a retry of a lost answer would reuse it).
      const keys = pane.requests
        .filter((r) => r.operation === "AddinRegisterSepaMandate")
        .map((r) => r.variables.input.idempotencyKey);
      expect(keys).toHaveLength(2);
      expect(new Set(keys).size).toBe(2);
      const listed = page.locator("#mandate-list li");
      expect(await listed.count()).toBe(1);
      const { data } = await harness.server.gql(
        token,
        `query($s: String) { customers(search: $s) { sepaMandates { iban scheme } } }`,
        { s: customer },
      );
      const masked = data?.customers[0].sepaMandates[0].iban as string;
      expect(data?.customers[0].sepaMandates[0].scheme).toBe(scheme);
      expect(masked).not.toContain("6000 0112");
      expect(await listed.locator(".iban").textContent()).toBe(masked);
      expect(await listed.textContent()).toContain(t("mandateStatus_ACTIVE"));
    });

    it("starts a new quote and saves it: the server prices it, the pane shows its totals", async () => {
      const { page } = pane;
      await page.click("#quote-new");
      expect(await page.textContent("#editor-title")).toBe(t("editorNew", { customer }));
      const line = page.locator(".quote-line").nth(0);
      await line.locator("[name=offer]").selectOption("IP-TELEPHONY");
      expect(await line.locator("[name=initialTerm]").inputValue()).toBe("24");
      await line.locator("[name=quantity]").fill("2");
      await line.locator("[name=unitPrice]").fill(lang === "fr" ? "19,90" : "19.90");
      await line.locator("[name=portingDirection]").selectOption("INBOUND");
      await line.locator("[name=portingNumbers]").fill("01 40 00 00 01\n06 12 34 56 78 ; 01PEROY4P4TR");
      await page.click("#add-line");
      const line2 = page.locator(".quote-line").nth(1);
      await line2.locator("[name=offer]").selectOption("EISECURE-BACKUP");
      await line2.locator("[name=unitPrice]").fill("49");
      // Backup publishes no terms: caught by the pane, beside the field, titled as the pane's check.
      await page.click("#quote-save");
      await expectFeedback("editor-feedback", t("errLocalCheck"), "quote-local-check");
      expect(await line2.locator("[name=initialTerm]").getAttribute("aria-invalid")).toBe("true");
      await line2.locator("[name=initialTerm]").fill("12");
      await line2.locator("[name=renewalTerm]").fill("12");
      await page.click("#quote-save");
      const saved = await expectFeedback("editor-feedback", /./, "quote-saved");
      quoteId = /(\d+)/.exec(saved)?.[1] ?? "";
      expect(saved).toBe(t("quoteSaved", { id: quoteId, version: 1 }));
      const created = pane.requests.filter((r) => r.operation === "AddinCreateQuote");
      expect(created).toHaveLength(1);
      expect(created[0]?.variables.input.idempotencyKey).toMatch(/^[0-9a-f-]{32,36}$/);
      const { data } = await harness.server.gql(token, QUOTE_READ, { id: quoteId });
      const quote = data?.quote;
      expect(quote.totals.monthlyCents).toBe(2 * 1990 + 4900);
      const summary = (await page.textContent("#quote-summary")) ?? "";
      expect(summary).toContain(formatCents(quote.totals.totalInclVatCents, lang));
      expect(summary).toContain(formatCents(quote.totals.totalContractValueCents, lang));
      expect(await page.textContent("#editor-status")).toContain(t("status_DRAFT"));
      // The list above shows it, with its status in words.
      expect(await page.locator(`#quote-list li[data-id="${quoteId}"]`).textContent()).toContain(t("status_DRAFT"));
    });

    it("writes the quote sheet in the pane's language, status included", async () => {
      const { page } = pane;
      await page.click("#quote-write");
      await expectFeedback("editor-feedback", t("quoteWritten", { sheet: sheet() }), "quote-written");
      const header = await readCells(page, sheet(), 0, 0, 7, 2);
      expect(header[3]).toEqual([t("sheetStatus"), t("status_DRAFT")]);
      await expectSheetInOneLanguage();
    });

    it("reads an edit back from the sheet, shows what changed, and saves it once confirmed", async () => {
      const { page } = pane;
      // The user changes line 1's quantity in Excel.
      await setCell(page, sheet(), 9, 3, 3);
      await page.click("#quote-read");
      await page.locator("#sheet-diff").waitFor({ state: "visible" });
      const change = lang === "fr" ? "Ligne 1 · Quantité : 2 → 3" : "Line 1 · Quantity : 2 → 3";
      expect(await page.textContent("#sheet-diff-list")).toBe(change);
      await expectInView(page.locator("#sheet-diff-save"));
      await expectOneLanguage(pane);
      await screenshot(pane, `journey-${lang}-${String(++step).padStart(2, "0")}-sheet-diff`);
      await page.click("#sheet-diff-save");
      await expectFeedback("editor-feedback", t("quoteReadBack", { version: 2 }), "sheet-saved");
      expect(await page.locator("#sheet-diff").isHidden()).toBe(true);
      expect(await page.locator(".quote-line").nth(0).locator("[name=quantity]").inputValue()).toBe("3");
    });

    it("starts another quote at any time, then reopens the first from the list", async () => {
      const { page } = pane;
      await page.click("#quote-new");
      expect(await page.locator(".quote-line").count()).toBe(1);
      expect(await page.textContent("#editor-title")).toBe(t("editorNew", { customer }));
      // The list: number, status, date and totals of each quote.
      const item = page.locator(`#quote-list li[data-id="${quoteId}"]`);
      const listed = (await item.textContent()) ?? "";
      const totals = (await harness.server.gql(token, QUOTE_READ, { id: quoteId })).data?.quote.totals;
      expect(listed).toContain(quoteId);
      expect(listed).toContain(t("status_DRAFT"));
      expect(listed).toContain(formatIsoForDisplay(todayInParis(), lang));
      expect(listed).toContain(formatCents(totals.monthlyCents, lang));
      expect(listed).toContain(formatCents(totals.totalInclVatCents, lang));
      await item.locator("button.open").click();
      await expect.poll(() => page.textContent("#editor-title")).toBe(t("editorTitle", { id: quoteId, customer }));
      await expectInView(page.locator("#editor-title"));
      expect(await page.locator(".quote-line").count()).toBe(2);
      expect(await page.textContent("#editor-status")).toContain("version 2");
      await expectOneLanguage(pane);
      await screenshot(pane, `journey-${lang}-${String(++step).padStart(2, "0")}-quote-reopened`);
    });

    it("marks it as sent", async () => {
      await pane.page.click("#quote-send");
      await expectFeedback("signing-feedback", t("quoteSent", { id: quoteId }), "quote-sent");
      expect(await pane.page.textContent("#editor-status")).toContain(t("status_SENT"));
      expect(await pane.page.locator("#quote-send").isHidden()).toBe(true);
    });

    it("signs it once with a double click: the version on screen, one key, the contracts shown and written", async () => {
      const { page } = pane;
      await page.click("#quote-sign");
      await expectFeedback("signing-feedback", t("signerRequired"), "signer-required");
      await page.fill("#signer-name", signer);
      // Sending moved the quote to its next version: the signature must cover that one, as shown.
      const shown = (await harness.server.gql(token, QUOTE_READ, { id: quoteId })).data?.quote.version as number;
      expect(await page.textContent("#editor-status")).toContain(`version ${shown}`);
      const before = pane.requests.length;
      await page.dblclick("#quote-sign");
      const done = await expectFeedback("signing-feedback", t("quoteSigned", { name: signer, count: 2 }), "quote-signed");
      expect(done).toContain(t("sheetWritten", { sheet: sheet() }));
      const signs = pane.requests.slice(before).filter((r) => r.operation === "AddinSignQuote");
      expect(signs).toHaveLength(1);
      expect(signs[0]?.variables.input).toMatchObject({ quoteId, signerName: signer, expectedVersion: shown });

      const { data } = await harness.server.gql(token, QUOTE_READ, { id: quoteId });
      const quote = data?.quote;
      expect(quote.status).toBe("SIGNED");
      expect(quote.contracts).toHaveLength(2);
      const items = page.locator("#contract-list > li");
      expect(await items.count()).toBe(2);
      for (const [i, contract] of quote.contracts.entries()) {
        const text = (await items.nth(i).textContent()) ?? "";
        expect(text).toContain(formatIsoForDisplay(contract.commitment.initialTermEnd, lang));
        expect(text).toContain(
          formatIsoForDisplay(contract.commitment.nextNoticeDeadline ?? contract.commitment.noticeDeadline, lang),
        );
      }
      // The numbers to port, each with its legal deadline, under their contract.
      const requests = quote.contracts.flatMap((c: Signed) => c.portingRequests.map((p) => ({ ...p, contractId: c.id })));
      expect(requests.map((p: { number: string }) => p.number)).toEqual(["+33140000001", "+33612345678"]);
      for (const request of requests) {
        const shown = page.locator(`#contract-list > li[data-id="${request.contractId}"] li.porting`, {
          hasText: request.number,
        });
        expect(await shown.textContent()).toContain(formatIsoForDisplay(request.legalDeadline, lang));
      }
      expect(await page.locator("#step-editor #quote-save").isHidden()).toBe(true);
      expect(await page.textContent("#editor-status")).toContain(t("status_SIGNED"));

      // The sheet: status in words, and the contracts under the quote.
      const excel = await excelState(page);
      const contractsTable = Object.values(excel.tables).find((tb) => tb.name === `Contrats_${quoteId}`);
      expect(contractsTable?.sheet).toBe(sheet());
      const rows = await readCells(page, sheet(), (contractsTable?.ref.row ?? 0) + 1, 0, 2, 9);
      expect(rows.map((r) => r[0])).toEqual(quote.contracts.map((c: { id: string }) => c.id));
      expect(rows[0]?.[6]).toBe(isoToSerial(quote.contracts[0].commitment.initialTermEnd));
      const header = await readCells(page, sheet(), 0, 0, 7, 2);
      expect(header[3]).toEqual([t("sheetStatus"), t("status_SIGNED")]);
      // The porting requests under the contracts: contract, number, …, requested on, legal deadline.
      const portingTable = Object.values(excel.tables).find((tb) => tb.name === `Portabilites_${quoteId}`);
      expect(portingTable?.sheet).toBe(sheet());
      const porting = await readCells(page, sheet(), (portingTable?.ref.row ?? 0) + 1, 0, requests.length, 8);
      expect(porting.map((r) => [r[0], r[1], r[5], r[6]])).toEqual(
        requests.map((p: PortingRead & { contractId: string }) => [
          p.contractId,
          p.number,
          isoToSerial(p.requestedOn),
          isoToSerial(p.legalDeadline),
        ]),
      );
      await expectSheetInOneLanguage([
        signer,
        ...quote.contracts.map((c: { id: string }) => c.id),
        ...requests.map((p: PortingRead) => p.number),
      ]);
      await screenshot(pane, `journey-${lang}-${String(++step).padStart(2, "0")}-contracts`);
    });

    it("writes the contracts to the sheet again from the contracts step: rewritten in place, nothing doubled", async () => {
      const { page } = pane;
      const tablesBefore = Object.values((await excelState(page)).tables)
        .map((tb) => tb.name)
        .sort();
      await page.click("#contracts-write");
      await expectFeedback("contracts-feedback", t("contractsWritten", { sheet: sheet() }), "contracts-written");
      const tablesAfter = Object.values((await excelState(page)).tables)
        .map((tb) => tb.name)
        .sort();
      expect(tablesAfter).toEqual(tablesBefore);
      await expectSheetInOneLanguage([signer]);
    });

    it("opens signed, declined and expired quotes read-only", async () => {
      const { page } = pane;
      /** A new one-line quote saved through the pane; returns its number. */
      const newQuote = async () => {
        await page.click("#quote-new");
        const line = page.locator(".quote-line").nth(0);
        await line.locator("[name=offer]").selectOption("MOBILE-FLEET");
        await line.locator("[name=unitPrice]").fill("10");
        await page.click("#quote-save");
        return /(\d+)/.exec(await feedbackOf(pane, "editor-feedback"))?.[1] ?? "";
      };
      // A second quote, declined by the customer.
      const declinedId = await newQuote();
      await page.click("#quote-decline");
      await expectFeedback("signing-feedback", t("quoteDeclined", { id: declinedId }), "quote-declined");
      // A third, left unsigned past its validity (the server derives EXPIRED from the date).
      const expiredId = await newQuote();
      await harness.server.app.database.manager.update(
        Quote,
        { id: Number(expiredId) },
        { validUntil: addDays(todayInParis(), -1) },
      );
      for (const id of [quoteId, declinedId, expiredId]) {
        await page.locator(`#quote-list li[data-id="${id}"] button.open`).click();
        await expect.poll(() => page.textContent("#editor-title")).toBe(t("editorTitle", { id, customer }));
        expect(await page.locator("#editor-read-only").isVisible()).toBe(true);
        expect(await page.locator("#quote-save").isHidden()).toBe(true);
        expect(await page.locator("#add-line").isHidden()).toBe(true);
        expect(await page.locator(".quote-line [name=quantity]").first().isDisabled()).toBe(true);
        expect(await page.locator("#signing-controls").isHidden()).toBe(true);
      }
      await expectOneLanguage(pane);
      await screenshot(pane, `journey-${lang}-${String(++step).padStart(2, "0")}-read-only`);
      const statuses = await page.locator("#quote-list li").allTextContents();
      expect(statuses.join(" ")).toContain(t("status_DECLINED"));
      expect(statuses.join(" ")).toContain(t("status_SIGNED"));
      expect(await page.locator(`#quote-list li[data-id="${expiredId}"]`).textContent()).toContain(t("status_EXPIRED"));
      expect(await page.textContent("#editor-read-only")).toBe(t("readOnly", { status: t("status_EXPIRED") }));
      expect(pane.errors).toEqual([]);
    });
  });
});
