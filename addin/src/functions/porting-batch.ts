/**
 * Batches porting-price look-ups: every cell Excel evaluates in the same tick joins one GraphQL
 * request with one alias per cell (`p0: portingPrice(…) p1: …`), as in Microsoft's custom
 * functions batching sample. A sheet with 300 porting formulas makes one request, not 300.
 *
 * `portingPrice` is non-null in the schema, so one bad alias nulls the whole `data`: the aliases
 * that failed get their own error, and the others are sent again once, without them.
 */
import { ApiError, type GraphQLClient, toApiError } from "../api/client.js";
import { type PortingPriceInput, type PortingPriceResult, portingBatchQuery } from "../api/operations.js";

interface Pending {
  input: PortingPriceInput;
  resolve: (cents: number) => void;
  reject: (error: unknown) => void;
}

export interface PortingBatcherOptions {
  /** The client to use for a flush (settings may change between flushes). */
  client: () => Promise<GraphQLClient>;
  /** Milliseconds to wait for more cells before sending; 0 = the end of the current tick. */
  delayMs?: number;
  /** Aliases per request at most (the server limits aliases per document). */
  maxPerRequest?: number;
}

export const DEFAULT_MAX_PER_REQUEST = 100;

export class PortingBatcher {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Requests sent so far (for tests and diagnostics). */
  requests = 0;

  constructor(private readonly options: PortingBatcherOptions) {}

  /** The price in cents of one porting request; joins the batch of the current tick. */
  price(input: PortingPriceInput): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), this.options.delayMs ?? 0);
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let client: GraphQLClient;
    try {
      client = await this.options.client();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const max = this.options.maxPerRequest ?? DEFAULT_MAX_PER_REQUEST;
    const slices: Pending[][] = [];
    for (let i = 0; i < batch.length; i += max) slices.push(batch.slice(i, i + max));
    await Promise.all(slices.map((slice) => this.send(client, slice, true)));
  }

  private async send(client: GraphQLClient, items: Pending[], retry: boolean): Promise<void> {
    const variables: Record<string, PortingPriceInput> = {};
    items.forEach((p, i) => {
      variables[`i${i}`] = p.input;
    });
    this.requests++;
    let result: Awaited<ReturnType<GraphQLClient["requestRaw"]>>;
    try {
      result = await client.requestRaw<Record<string, PortingPriceResult | null>>(portingBatchQuery(items.length), variables);
    } catch (error) {
      for (const p of items) p.reject(error);
      return;
    }
    const data = (result.data ?? null) as Record<string, PortingPriceResult | null> | null;
    const failed = new Map<number, ApiError>();
    const general: typeof result.errors = [];
    for (const error of result.errors) {
      const alias = error.path?.[0];
      const index = typeof alias === "string" && /^p\d+$/.test(alias) ? Number(alias.slice(1)) : -1;
      if (index >= 0 && index < items.length) failed.set(index, toApiError([error], result.status));
      else general.push(error);
    }
    if (general.length > 0) {
      // Not about one cell (token, document, server): every cell gets it.
      const error = toApiError(general, result.status);
      for (const p of items) p.reject(error);
      return;
    }
    const again: Pending[] = [];
    items.forEach((p, i) => {
      const error = failed.get(i);
      const value = data?.[`p${i}`];
      if (error) p.reject(error);
      else if (value) p.resolve(value.totalCents);
      else again.push(p); // lost to another alias's error
    });
    if (again.length === 0) return;
    if (retry) await this.send(client, again, false);
    else for (const p of again) p.reject(new ApiError("SERVER", "no porting price returned"));
  }
}
