import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expand, jqPath, mismatch, parseWalkthroughs, ReadmeFormatError, type Step } from "../support/readme-walkthroughs.js";
import { startTestServer, type TestServer } from "../support/server.js";

// Every request of the README's walkthroughs, sent as written to a real server on the sample data
// (the rules of reading them: test/support/readme-walkthroughs.ts). A request that errors, an
// answer that differs from the json block shown after it, or a README edit the reader cannot
// follow fails here.

const README = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const { setup, walkthroughs } = parseWalkthroughs(README);

describe("README walkthroughs", () => {
  let server: TestServer;
  const variables = new Map<string, string>();
  const kept = new Map<string, unknown>();

  beforeAll(async () => {
    server = await startTestServer();
    // What the reader pastes: the server's address and the ADMIN token printed at first start.
    for (const step of setup) await run(step, setup);
    variables.set("API", server.url);
    variables.set("TOKEN", await server.createToken("ADMIN"));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("reads three walkthroughs, each running every curl it shows", () => {
    expect(walkthroughs.map((w) => w.title)).toEqual([
      "Sales: customer, SEPA mandate, quote, signature",
      "Finance: renewal schedule and billing export",
      "Integrators: token, paging, errors, idempotency",
    ]);
    for (const walkthrough of walkthroughs) {
      const requests = walkthrough.steps.filter((s) => s.kind === "curl").length;
      expect(requests, walkthrough.title).toBeGreaterThanOrEqual(3);
      // A curl the reader can see but the parser did not turn into a request would not be tested.
      expect(requests, walkthrough.title).toBe(walkthrough.curlMentions);
    }
  });

  for (const walkthrough of walkthroughs) {
    it(walkthrough.title, async () => {
      for (const step of walkthrough.steps) await run(step, walkthrough.steps);
    });
  }

  let lastAnswer: { line: number; status: number; body: unknown } | undefined;

  async function run(step: Step, steps: Step[]): Promise<void> {
    const where = `README.md line ${step.line}`;
    switch (step.kind) {
      case "export":
        for (const { name, value } of step.assignments) variables.set(name, expand(value, variables, step.line));
        return;
      case "capture": {
        const answer = kept.get(step.file);
        if (answer === undefined) throw new ReadmeFormatError(`${where}: ${step.file} was not written by an earlier '| tee'`);
        variables.set(step.name, jqPath(answer, step.path, step.line));
        return;
      }
      case "expect": {
        expect(lastAnswer, `${where}: a json block with no request before it`).toBeDefined();
        const difference = mismatch(step.answer, lastAnswer?.body);
        expect(
          difference,
          `${where}: the answer to line ${lastAnswer?.line} differs at ${difference}:\n${JSON.stringify(lastAnswer?.body)}`,
        ).toBeUndefined();
        return;
      }
      case "powerquery": {
        const url = new URL(step.relativePath, `${server.url}/`);
        for (const [key, value] of Object.entries(step.query)) url.searchParams.set(key, value);
        const response = await fetch(url, { headers: { authorization: `Bearer ${variables.get("TOKEN")}` } });
        const csv = await response.text();
        expect(response.status, `${where}: ${csv}`).toBe(200);
        const header =
          csv
            .replace(/^\uFEFF/, "")
            .split("\r\n")[0]
            ?.split(";") ?? [];
        for (const column of step.columns) expect(header, `${where}: column ${column}`).toContain(column);
        return;
      }
      case "curl": {
        const headers: Record<string, string> = {};
        for (const [name, value] of step.headers)
          headers[expand(name, variables, step.line)] = expand(value, variables, step.line);
        let body: string | undefined;
        if (step.json) {
          body = expand(step.json, variables, step.line);
          // What curl --json does: POST, JSON content type and accept header. The body must be JSON
          // after the shell's expansion, or a reader's copy would send garbage.
          expect(() => JSON.parse(body as string), `${where}: --json body is not JSON:\n${body}`).not.toThrow();
          headers["content-type"] = "application/json";
          headers.accept = "application/json";
        }
        const response = await fetch(expand(step.url, variables, step.line), {
          method: body === undefined ? "GET" : "POST",
          headers,
          body,
        });
        const text = await response.text();
        const answer = (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
        lastAnswer = { line: step.line, status: response.status, body: answer };
        if (step.tee) kept.set(step.tee, answer);
        // The json block shown after the block's last request, if any, may show an error on purpose.
        const next = steps.slice(steps.indexOf(step) + 1).find((s) => s.kind !== "capture");
        const shownErrors =
          next?.kind === "expect" && typeof next.answer === "object" && next.answer !== null && "errors" in next.answer;
        if (!shownErrors) {
          expect(response.status, `${where}: ${text}`).toBeLessThan(300);
          expect((answer as { errors?: unknown })?.errors, `${where}: ${text}`).toBeUndefined();
        }
        return;
      }
    }
  }
});
