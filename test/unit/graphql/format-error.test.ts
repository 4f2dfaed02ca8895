import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { Max, Min, ValidateNested } from "class-validator";
import { Arg, buildSchema, Field, InputType, Int, Mutation, Query, Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../server/src/domain/errors.js";
import { type Language, text } from "../../../server/src/domain/text.js";
import { createFormatError } from "../../../server/src/graphql/common/format-error.js";
import { databaseUnavailablePlugin } from "../../../server/src/http/database-unavailable.js";
import { ConflictError, NotFoundError } from "../../../server/src/services/errors.js";

@InputType()
class LineInput {
  @Field(() => Int)
  @Min(1)
  @Max(1000)
  quantity!: number;
}

@InputType()
class OrderInput {
  @Field(() => [LineInput])
  @ValidateNested()
  lines!: LineInput[];
}

/** Throws what a service or driver would, one per field. */
@Resolver()
class ThrowingResolver {
  @Query(() => Int)
  ok(): number {
    return 1;
  }

  @Query(() => Int)
  domain(): number {
    throw new DomainValidationError({
      field: "lines[2].quantity",
      message: text("doit être positive.", "must be positive"),
    });
  }

  @Query(() => Int)
  notFound(): number {
    throw new NotFoundError("Quote", 7);
  }

  @Query(() => Int)
  conflict(): number {
    throw new ConflictError(text("Le devis 7 a été modifié par quelqu'un d'autre.", "Quote 7 was changed by someone else"), {
      currentVersion: 3,
    });
  }

  @Query(() => Int, { nullable: true })
  crash(): number {
    throw new Error("SQLITE_ERROR: no such table: quote at /srv/app/server/src/services/quote.service.ts:42");
  }

  @Query(() => Int)
  outage(): number {
    const error = new Error("connect ECONNREFUSED 10.0.0.5:3306") as Error & { code: string };
    error.code = "ECONNREFUSED";
    throw Object.assign(new Error("Query failed"), { driverError: error });
  }

  @Mutation(() => Int)
  order(@Arg("input") input: OrderInput): number {
    return input.lines.length;
  }
}

async function server(language: Language = "en") {
  const logged: { message: string; details: Record<string, unknown> }[] = [];
  const log = (message: string, details: Record<string, unknown>) => logged.push({ message, details });
  const apollo = new ApolloServer({
    schema: await buildSchema({ resolvers: [ThrowingResolver], validate: { forbidUnknownValues: false } }),
    formatError: createFormatError({ warn: log, error: log }, () => "req-1", { languageOf: () => language }),
    plugins: [databaseUnavailablePlugin()],
  });
  await apollo.start();
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query, variables });
    if (response.body.kind !== "single") throw new Error("unexpected incremental response");
    return { status: response.http.status, headers: response.http.headers, ...response.body.singleResult };
  };
  return { run, logged };
}

describe("createFormatError", () => {
  it("maps domain, not-found and conflict errors to their codes", async () => {
    const { run } = await server();
    expect((await run("{ domain }")).errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      fields: [{ field: "lines[2].quantity", message: "must be positive" }],
    });
    expect((await run("{ notFound }")).errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", entity: "Quote" });
    expect((await run("{ conflict }")).errors?.[0]?.extensions).toEqual({ code: "CONFLICT", currentVersion: 3 });
  });

  it("answers the same codes and fields in French, with French messages", async () => {
    const { run } = await server("fr");
    expect((await run("{ domain }")).errors?.[0]).toMatchObject({
      message: "lines[2].quantity : doit être positive.",
      extensions: { code: "BAD_USER_INPUT", fields: [{ field: "lines[2].quantity", message: "doit être positive." }] },
    });
    expect((await run("{ notFound }")).errors?.[0]).toMatchObject({
      message: "Le devis 7 est introuvable.",
      extensions: { code: "NOT_FOUND", entity: "Quote" },
    });
    expect((await run("{ conflict }")).errors?.[0]?.message).toBe("Le devis 7 a été modifié par quelqu'un d'autre.");
    expect((await run("{ crash }")).errors?.[0]?.message).toBe("Erreur interne du serveur (identifiant de requête req-1).");
    const order = await run("mutation($i: OrderInput!) { order(input: $i) }", { i: { lines: [{ quantity: 0 }] } });
    expect(order.errors?.[0]?.extensions?.fields).toEqual([{ field: "lines[0].quantity", message: "doit valoir au moins 1." }]);
    const coerced = await run("mutation($i: OrderInput!) { order(input: $i) }", { i: { lines: [{ quantity: "x" }] } });
    expect(coerced.errors?.[0]?.extensions?.fields).toEqual([
      { field: "lines[0].quantity", message: "doit être un nombre entier (Int)." },
    ]);
  });

  it("flattens class-validator errors on nested inputs to client paths", async () => {
    const { run } = await server();
    const response = await run("mutation($i: OrderInput!) { order(input: $i) }", {
      i: { lines: [{ quantity: 1 }, { quantity: 0 }] },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.extensions?.fields).toEqual([
      { field: "lines[1].quantity", message: expect.stringMatching(/1/) },
    ]);
  });

  it("hides an unexpected error behind INTERNAL_SERVER_ERROR and a request id, logging the details", async () => {
    const { run, logged } = await server();
    const response = await run("{ ok crash }");
    expect(response.data).toEqual({ ok: 1, crash: null });
    expect(response.errors?.[0]).toEqual({
      message: "Internal server error (request id req-1)",
      locations: [{ line: 1, column: 6 }],
      path: ["crash"],
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-1" },
    });
    expect(JSON.stringify(logged)).toContain("no such table: quote");
  });

  it("turns a database outage met by a resolver into DATABASE_UNAVAILABLE with HTTP 503", async () => {
    const { run } = await server();
    const response = await run("{ outage }");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.errors?.[0]?.extensions).toEqual({ code: "DATABASE_UNAVAILABLE", requestId: "req-1" });
    expect(JSON.stringify(response.errors)).not.toMatch(/10\.0\.0\.5|ECONNREFUSED/);
  });
});
