/**
 * The sales journey's calls, one function per step (customer, mandate, quote, send, sign,
 * decline), over the GraphQL client: the task pane calls these and never writes GraphQL itself.
 */
import { ApiError, type GraphQLClient } from "./client.js";
import {
  CREATE_CUSTOMER,
  CREATE_QUOTE,
  type CreateCustomerResult,
  type CreateQuoteResult,
  CUSTOMER_FILE,
  CUSTOMERS,
  type CustomerFile,
  type CustomerFileResult,
  type CustomerInput,
  type CustomerSummary,
  type CustomersResult,
  DECLINE_QUOTE,
  type DeclineQuoteResult,
  QUOTE,
  type Quote,
  type QuoteLineInput,
  type QuoteResult,
  REGISTER_SEPA_MANDATE,
  type RegisterSepaMandateResult,
  SEND_QUOTE,
  type SendQuoteResult,
  type SepaMandate,
  type SepaMandateInput,
  SIGN_QUOTE,
  type SignQuoteInput,
  type SignQuoteResult,
  UPDATE_QUOTE,
  type UpdateQuoteResult,
} from "./operations.js";

export function salesApi(client: GraphQLClient) {
  return {
    async searchCustomers(search: string): Promise<CustomerSummary[]> {
      const result = await client.request<CustomersResult>(CUSTOMERS, { search: search.trim() || null, first: 50 });
      return result.customers;
    },

    async createCustomer(input: CustomerInput): Promise<CustomerSummary> {
      return (await client.request<CreateCustomerResult>(CREATE_CUSTOMER, { input })).createCustomer;
    },

    /** The customer with its mandates and quotes; NOT_FOUND when it no longer exists. */
    async customerFile(id: string): Promise<CustomerFile> {
      const { customer } = await client.request<CustomerFileResult>(CUSTOMER_FILE, { id });
      if (!customer) throw new ApiError("NOT_FOUND", `no customer ${id}`);
      return customer;
    },

    async registerMandate(input: SepaMandateInput): Promise<SepaMandate> {
      return (await client.request<RegisterSepaMandateResult>(REGISTER_SEPA_MANDATE, { input })).registerSepaMandate;
    },

    async quote(id: string): Promise<Quote> {
      const { quote } = await client.request<QuoteResult>(QUOTE, { id });
      if (!quote) throw new ApiError("NOT_FOUND", `no quote ${id}`);
      return quote;
    },

    /** `idempotencyKey`: a retry with the same key and lines answers the quote created first. */
    async createQuote(customerId: string, lines: QuoteLineInput[], idempotencyKey?: string): Promise<Quote> {
      const input = { customerId, lines, idempotencyKey };
      return (await client.request<CreateQuoteResult>(CREATE_QUOTE, { input })).createQuote;
    },

    /** New lines for the version read; CONFLICT when someone saved in between. */
    async updateQuote(quoteId: string, expectedVersion: number, lines: QuoteLineInput[]): Promise<Quote> {
      return (await client.request<UpdateQuoteResult>(UPDATE_QUOTE, { input: { quoteId, expectedVersion, lines } })).updateQuote;
    },

    async sendQuote(quoteId: string): Promise<Quote> {
      return (await client.request<SendQuoteResult>(SEND_QUOTE, { quoteId })).sendQuote;
    },

    async declineQuote(quoteId: string): Promise<Quote> {
      return (await client.request<DeclineQuoteResult>(DECLINE_QUOTE, { quoteId })).declineQuote;
    },

    async signQuote(input: SignQuoteInput): Promise<Quote> {
      return (await client.request<SignQuoteResult>(SIGN_QUOTE, { input })).signQuote;
    },
  };
}

export type SalesApi = ReturnType<typeof salesApi>;
