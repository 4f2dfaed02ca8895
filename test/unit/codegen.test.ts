import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_FILE, generateAddinTypes } from "../../scripts/codegen.js";

describe("addin/src/api/generated.ts", () => {
  it("is what `npm run codegen` writes from schema/schema.graphql and schema/addin/*.graphql (run it after changing either)", async () => {
    expect(fs.readFileSync(GENERATED_FILE, "utf8")).toBe(await generateAddinTypes());
  });

  it("holds every operation of schema/addin/ as a document string with the fragments it uses", async () => {
    const { AddinSignQuoteDocument, AddinCustomerFileDocument } = await import("../../addin/src/api/generated.js");
    expect(AddinSignQuoteDocument).toContain("mutation AddinSignQuote(");
    expect(AddinSignQuoteDocument).toContain("fragment AddinQuoteFields on Quote");
    // Fragments used by fragments come along, once each.
    expect(AddinSignQuoteDocument).toContain("fragment AddinContractFields on Contract");
    expect(AddinSignQuoteDocument.match(/fragment AddinCustomerFields /g)).toHaveLength(1);
    expect(AddinCustomerFileDocument).not.toContain("fragment AddinQuoteFields ");
  });
});
