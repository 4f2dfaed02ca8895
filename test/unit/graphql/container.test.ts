import "reflect-metadata";
import { Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import type { AppConfig } from "../../../server/src/config.js";
import { Inject, ServiceContainer } from "../../../server/src/graphql/container.js";
import type { Services } from "../../../server/src/services/index.js";
import { MandateService } from "../../../server/src/services/mandate.service.js";
import { QuoteService } from "../../../server/src/services/quote.service.js";

// Services without a database: the container only matches them by class.
const quotes = Object.create(QuoteService.prototype) as QuoteService;
const mandates = Object.create(MandateService.prototype) as MandateService;
const config = { creditorIdentifier: "FR00ZZZ000000" } as AppConfig;
const services = { quotes, mandates, config } as unknown as Services;

class NotAService {}

@Resolver()
class NeedsTwo {
  constructor(
    readonly quoteService: QuoteService,
    readonly mandateService: MandateService,
    @Inject("config") readonly appConfig: AppConfig,
  ) {}
}

@Resolver()
class NeedsSomethingElse {
  constructor(readonly other: NotAService) {}
}

describe("ServiceContainer (type-graphql's container)", () => {
  it("gives a resolver the services its constructor names, and builds it once", () => {
    const container = new ServiceContainer(services);
    const resolver = container.get(NeedsTwo as never) as NeedsTwo;
    expect(resolver.quoteService).toBe(quotes);
    expect(resolver.mandateService).toBe(mandates);
    expect(resolver.appConfig).toBe(config);
    expect(container.get(NeedsTwo as never)).toBe(resolver);
  });

  it("refuses a constructor parameter that is not a service, naming it", () => {
    expect(() => new ServiceContainer(services).get(NeedsSomethingElse as never)).toThrow(
      "NeedsSomethingElse: constructor parameter 0 (NotAService) is not a service",
    );
  });
});
