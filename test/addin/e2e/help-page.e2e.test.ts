/**
 * The help page (the manifest's SupportUrl) in a 350 px pane: one language at a time, French in a
 * French browser and English in an English one, and no sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lang } from "../../../addin/src/taskpane/i18n.js";
import { chromiumAvailability } from "../../support/chromium-availability.js";
import { PANE_WIDTH, type PaneHarness, screenTexts, startPaneHarness } from "./taskpane-harness.js";
import { foreignTexts } from "./taskpane-language.js";

describe.runIf(chromiumAvailability())("help page", () => {
  let harness: PaneHarness;
  beforeAll(async () => {
    harness = await startPaneHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it.each<[Lang, string]>([
    ["fr", "Contrats : aide"],
    ["en", "Contracts: help"],
  ])("reads in one language only (%s) and fits the pane", async (lang, title) => {
    const pane = await harness.open({ lang });
    await pane.page.goto(`${harness.server.url}/addin/help.html`);
    expect(await pane.page.title()).toBe(title);
    const texts = await screenTexts(pane.page);
    expect(texts.length).toBeGreaterThan(10);
    expect(foreignTexts(texts, lang)).toEqual([]);
    const width = await pane.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PANE_WIDTH);
    expect(pane.errors).toEqual([]);
  });
});
