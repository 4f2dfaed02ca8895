import "reflect-metadata";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { API_DOCS_FILE, renderApiDocs } from "../../scripts/api-docs.js";

describe("docs/api.md", () => {
  it("is what `npm run docs` writes from the schema and its @Authorized rules (run it after changing the API)", async () => {
    expect(fs.readFileSync(API_DOCS_FILE, "utf8")).toBe(await renderApiDocs());
  });
});
