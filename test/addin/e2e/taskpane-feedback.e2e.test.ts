/**
 * The pane when things go wrong, in Debian's Chromium against real servers: a server that never
 * answers (timeout and a retry message), too many requests (how long to wait, from Retry-After), a
 * saved connection that fails at start-up (why), a signature whose answer was lost (the retry
 * signs once) and a quote changed elsewhere before signing (nothing signed, the new version shown).
 * Each message appears under the button pressed, in view at 350 px, in the pane's language.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../../addin/src/taskpane/i18n.js";
import { chromiumAvailability } from "../../support/chromium-availability.js";
import { createCustomer, registerMandate } from "../../support/sales.js";
import {
  connect,
  expectInView,
  expectOneLanguage,
  feedbackOf,
  type Pane,
  type PaneHarness,
  screenshot,
  startPaneHarness,
} from "./taskpane-harness.js";

const fr = translator("fr");
const en = translator("en");

/** The server runs each request of this operation, but the connection drops before its answer reaches the pane. */
const loseAnswersOf = (page: Page, operation: string) =>
  page.route("**/graphql", async (route) => {
    if (!route.request().postData()?.includes(operation)) return route.continue();
    await route.fetch();
    await route.abort("connectionreset");
  });

/** The idempotency key of each request of this operation the pane sent, in order. */
const idempotencyKeysOf = (pane: Pane, operation: string) =>
  pane.requests.filter((r) => r.operation === operation).map((r) => r.variables.input.idempotencyKey);

describe.runIf(chromiumAvailability())("task pane feedback when things go wrong", () => {
  let harness: PaneHarness;
  let sales = "";

  beforeAll(async () => {
    harness = await startPaneHarness();
    sales = await harness.token("SALES");
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** A customer with a mandate and a DRAFT quote of two lines, made through the API. */
  async function customerWithQuote(name: string): Promise<{ customerId: string; quoteId: string }> {
    const customerId = await createCustomer(harness.server, sales, { name, category: "OTHER" });
    await registerMandate(harness.server, sales, customerId);
    const created = await harness.server.gql(sales, `mutation($input: QuoteInput!) { createQuote(input: $input) { id } }`, {
      input: {
        customerId,
        lines: [
          { offerCode: "IP-ACCESS-WIRED", quantity: 1, monthlyUnitPriceCents: 5900, setupFeeCents: 0 },
          { offerCode: "MOBILE-FLEET", quantity: 3, monthlyUnitPriceCents: 1000, setupFeeCents: 0 },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    return { customerId, quoteId: created.data?.createQuote.id as string };
  }

  /** Through the pane's controls: find the customer, open the quote. */
  async function openQuote(pane: Pane, customer: string, quoteId: string): Promise<void> {
    const { page } = pane;
    await page.click("#tab-quote");
    await page.fill("#customer-search", customer);
    await page.click("#customer-search-btn");
    await page.locator(`#quote-list li[data-id="${quoteId}"] button.open`).click();
    await expect.poll(() => page.locator(".quote-line").count()).toBe(2);
  }

  it("gives up on a server that does not answer after 20 s and says to retry, under the button", async () => {
    const pane = await harness.open({ lang: "fr", clock: true });
    await connect(pane, harness.server.url, sales);
    const { page } = pane;
    await page.click("#tab-quote");
    // The server receives the search but its answer never comes.
    await page.route("**/graphql", async (route) => {
      if (route.request().postData()?.includes("AddinCustomers")) return; // left hanging
      await route.continue();
    });
    await page.fill("#customer-search", "Martin");
    await page.click("#customer-search-btn");
    expect(await page.locator("#customer-search-btn").isDisabled()).toBe(true);
    await page.clock.fastForward(20_000);
    expect(await feedbackOf(pane, "customer-feedback")).toBe(fr("errTimeout", { seconds: 20 }));
    await expectInView(page.locator("#customer-feedback"));
    await expect.poll(() => page.locator("#customer-search-btn").isDisabled()).toBe(false);
    await expectOneLanguage(pane);
    await screenshot(pane, "feedback-fr-timeout");
  });

  it("says how long to wait when the server answers 429 (Retry-After)", async () => {
    const limited = await harness.startServer({ RATE_LIMIT_PER_MINUTE: "3" });
    const token = (await limited.app.services.tokens.create({ role: "SALES", name: "Alice Smith" })).token;
    const pane = await harness.open({ lang: "en", server: limited });
    await connect(pane, limited.url, token);
    const { page } = pane;
    await page.click("#tab-quote");
    const retryAfter: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 429) retryAfter.push(r.headers()["retry-after"] ?? "");
    });
    for (let i = 0; i < 3 && retryAfter.length === 0; i++) {
      await page.click("#customer-search-btn");
      await feedbackOf(pane, "customer-feedback");
    }
    expect(retryAfter).toHaveLength(1);
    expect(Number(retryAfter[0])).toBeGreaterThan(0);
    expect(await feedbackOf(pane, "customer-feedback")).toBe(en("errRateLimited", { seconds: Number(retryAfter[0]) }));
    await expectInView(page.locator("#customer-feedback"));
    await expectOneLanguage(pane);
    await screenshot(pane, "feedback-en-rate-limited");
  });

  it("at start-up, says why a saved connection fails: server unreachable, token refused or revoked", async () => {
    const pane = await harness.open({ lang: "fr" });
    const { page } = pane;
    await page.evaluate(() => {
      localStorage.setItem("contrats.serverUrl", "http://127.0.0.1:9");
      localStorage.setItem("contrats.token", "ct_saved");
    });
    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    expect(await page.textContent("#connect-status")).toBe(fr("notConnectedBecause", { reason: fr("reasonUnreachable") }));
    const unreachable = await feedbackOf(pane, "connect-feedback");
    expect(unreachable).toContain(fr("savedConnectionFailed"));
    expect(unreachable).toContain(fr("errNetwork", { url: "http://127.0.0.1:9" }));
    await expectInView(page.locator("#connect-feedback"));
    await expectOneLanguage(pane);
    await screenshot(pane, "feedback-fr-startup-unreachable");

    // A token that worked, then was revoked.
    const { token, record } = await harness.server.app.services.tokens.create({ role: "SALES", name: "Bob Durand" });
    await connect(pane, harness.server.url, token);
    await harness.server.app.services.tokens.revoke(record.id);
    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    expect(await page.textContent("#connect-status")).toBe(fr("notConnectedBecause", { reason: fr("reasonTokenRefused") }));
    expect(await feedbackOf(pane, "connect-feedback")).toContain(fr("errUnauthenticated"));
    expect(await page.getAttribute("#token", "aria-invalid")).toBe("true");
    await expectOneLanguage(pane);
    await screenshot(pane, "feedback-fr-startup-revoked");
  });

  it("signs once when the answer of the first attempt was lost and the salesperson clicks again", async () => {
    const { customerId, quoteId } = await customerWithQuote("Menuiserie Ollivier");
    const pane = await harness.open({ lang: "fr" });
    await connect(pane, harness.server.url, sales);
    await openQuote(pane, "Ollivier", quoteId);
    const { page } = pane;
    await page.fill("#signer-name", "Paul Ollivier");
    // The server signs, but the connection drops before the answer reaches the pane.
    await loseAnswersOf(page, "AddinSignQuote");
    await page.click("#quote-sign");
    expect(await feedbackOf(pane, "signing-feedback")).toContain(fr("errNetwork", { url: harness.server.url }));
    await page.unrouteAll();
    await page.click("#quote-sign");
    await expect
      .poll(() => page.textContent("#signing-feedback"))
      .toContain(fr("quoteSigned", { name: "Paul Ollivier", count: 2 }));
    await expectInView(page.locator("#signing-feedback"));
    const keys = idempotencyKeysOf(pane, "AddinSignQuote");
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const { data } = await harness.server.gql(sales, `query($id: ID!) { customer(id: $id) { contracts { id } } }`, {
      id: customerId,
    });
    expect(data?.customer.contracts).toHaveLength(2);
    expect(await page.locator("#contract-list > li").count()).toBe(2);
    await screenshot(pane, "feedback-fr-sign-retried");
  });

  it("creates a customer once when the answer of the first attempt was lost and the salesperson clicks again", async () => {
    const pane = await harness.open({ lang: "en" });
    await connect(pane, harness.server.url, sales);
    const { page } = pane;
    await page.click("#tab-quote");
    await page.click("#new-customer summary");
    await page.fill("#new-customer-name", "Tannery Quillivic");
    // The server creates it, but the connection drops before the answer reaches the pane.
    await loseAnswersOf(page, "AddinCreateCustomer");
    await page.click("#new-customer-create");
    expect(await feedbackOf(pane, "new-customer-feedback")).toContain(en("errNetwork", { url: harness.server.url }));
    await page.unrouteAll();
    await page.click("#new-customer-create");
    await expect.poll(() => page.textContent("#customer-feedback")).toBe(en("customerCreated", { name: "Tannery Quillivic" }));
    const keys = idempotencyKeysOf(pane, "AddinCreateCustomer");
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const { data } = await harness.server.gql(sales, `{ customers(search: "Quillivic") { id } }`);
    expect(data?.customers).toHaveLength(1);
    expect(await page.inputValue("#customer-select")).toBe(data?.customers[0].id);
    await expectOneLanguage(pane);
  });

  it("signs nothing when the quote changed after it was shown: the new version is shown to sign", async () => {
    const { quoteId } = await customerWithQuote("Serrurerie Tanguy");
    const pane = await harness.open({ lang: "en" });
    await connect(pane, harness.server.url, sales);
    await openQuote(pane, "Tanguy", quoteId);
    const { page } = pane;
    expect(await page.textContent("#editor-status")).toContain("version 1");
    // Someone else saves the quote meanwhile.
    const changed = await harness.server.gql(
      sales,
      `mutation($input: UpdateQuoteInput!) { updateQuote(input: $input) { version } }`,
      {
        input: {
          quoteId,
          expectedVersion: 1,
          lines: [{ offerCode: "IP-ACCESS-WIRED", quantity: 2, monthlyUnitPriceCents: 5900, setupFeeCents: 0 }],
        },
      },
    );
    expect(changed.data?.updateQuote.version).toBe(2);
    await page.fill("#signer-name", "Anne Tanguy");
    await page.click("#quote-sign");
    expect(await feedbackOf(pane, "signing-feedback")).toBe(en("errConflictSign"));
    await expectInView(page.locator("#signing-feedback"));
    await expect.poll(() => page.textContent("#editor-status")).toContain("version 2");
    expect(await page.locator(".quote-line").count()).toBe(1);
    const { data } = await harness.server.gql(sales, `query($id: ID!) { quote(id: $id) { status } }`, { id: quoteId });
    expect(data?.quote.status).toBe("DRAFT");
    await expectOneLanguage(pane);
    await screenshot(pane, "feedback-en-sign-conflict");
    // What is on screen now can be signed.
    await page.click("#quote-sign");
    await expect
      .poll(() => page.textContent("#signing-feedback"))
      .toContain(en("quoteSigned", { name: "Anne Tanguy", count: 1 }));
  });
});
