import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local fake of the parts of the Stripe API this project uses, for tests: Connect accounts and
 * their onboarding, Checkout Sessions as direct charges on a connected account (with a hosted
 * payment page), payments, refunds, balance transactions, automatic payouts and signed webhooks. The real `stripe`
 * SDK talks to it over HTTP (see `sdkConfig`), so tests exercise the SDK's own encoding, errors and
 * retries.
 *
 * Like direct charges on Stripe, sessions, payments, charges, refunds, balance transactions and
 * payouts belong to one connected account: only requests with that account's Stripe-Account header see them.
 */

export type PaymentMethod = "ideal" | "card";
export type FeeCents = (method: PaymentMethod, amount: number) => number;

export interface FakeStripeOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  /** Stripe's processing fee in cents for a payment of `amount` cents; defaults to `defaultFeeCents`. */
  feeCents?: FeeCents;
}

/** Stripe's standard prices in the Netherlands: iDEAL €0.29, EEA cards €0.25 + 1.5 %. */
export const defaultFeeCents: FeeCents = (method, amount) => (method === "ideal" ? 29 : 25 + Math.round(amount * 0.015));

export const DEFAULT_WEBHOOK_SECRET = "whsec_fake_stripe";

type Metadata = Record<string, string>;

export interface FakeAccount {
  id: string;
  object: "account";
  type: string;
  country: string;
  email: string | null;
  business_type: string | null;
  created: number;
  default_currency: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
    current_deadline: number | null;
    disabled_reason: string | null;
    errors: unknown[];
  };
  metadata: Metadata;
}

interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  allowed_payment_method_types: PaymentMethod[] | null;
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: PaymentMethod[];
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  success_url: string;
  url: string;
}

interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  allowed_payment_method_types: PaymentMethod[] | null;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
  capture_method: "automatic_async";
  created: number;
  currency: string;
  description: string | null;
  latest_charge: string;
  livemode: false;
  metadata: Metadata;
  payment_method: string;
  payment_method_types: PaymentMethod[];
  status: "succeeded";
}

interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application_fee: string | null;
  application_fee_amount: number | null;
  balance_transaction: string;
  captured: boolean;
  created: number;
  currency: string;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: PaymentMethod } & Record<string, unknown>;
  refunded: boolean;
  status: "succeeded";
}

interface FakeBalanceTransaction {
  id: string;
  object: "balance_transaction";
  amount: number;
  available_on: number;
  balance_type: "payments";
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: null;
  fee: number;
  fee_details: Array<{ amount: number; application: null; currency: string; description: string; type: "stripe_fee" }>;
  net: number;
  reporting_category: "charge" | "refund" | "payout";
  source: string;
  /** "available" once a payout has taken it (Stripe only pays out available funds). */
  status: "pending" | "available";
  type: "charge" | "refund" | "payout";
}

interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: "succeeded";
}

/** An automatic payout of a connected account's euro balance to its bank account, made by `payOut`. */
export interface FakePayout {
  id: string;
  object: "payout";
  /** The sum of the nets of the balance transactions it took. */
  amount: number;
  application_fee: null;
  application_fee_amount: null;
  arrival_date: number;
  automatic: true;
  /** Its own balance transaction: type "payout", amount −amount. */
  balance_transaction: string;
  created: number;
  currency: "eur";
  description: string;
  destination: string;
  failure_balance_transaction: null;
  failure_code: null;
  failure_message: null;
  livemode: false;
  metadata: Metadata;
  method: "standard";
  original_payout: null;
  payout_method: null;
  reconciliation_status: "completed";
  reversed_by: null;
  source_type: "card";
  statement_descriptor: null;
  status: "paid";
  trace_id: { status: "unsupported"; value: null };
  type: "bank_account";
}

export interface FakeEvent {
  id: string;
  object: "event";
  /** The connected account the event happened on (Connect webhooks); absent for platform events. */
  account?: string;
  api_version: string;
  created: number;
  data: { object: object; previous_attributes?: object };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** One POST of an event to the webhook URL; status 0 means the endpoint could not be reached. */
export interface Delivery {
  eventId: string;
  type: string;
  status: number;
}

const ID_PREFIX = {
  account: "acct_",
  "checkout.session": "cs_test_",
  payment_intent: "pi_",
  charge: "ch_",
  balance_transaction: "txn_",
  refund: "re_",
  payout: "po_",
  event: "evt_",
} as const;

export type FakeObjectName = keyof typeof ID_PREFIX | "account_link";

export interface FakeStripe {
  port: number;
  url: string;
  sdkConfig: { host: string; port: number; protocol: "http" };
  /** A real SDK client pointed at the fake, without network retries. */
  stripe(secretKey?: string): Stripe;
  readonly webhookSecret: string;
  setWebhook(url: string, secret: string): void;
  /** Every event the fake generated, oldest first. */
  events: FakeEvent[];
  /** Every webhook POST the fake made, in order. */
  deliveries: Delivery[];
  /** POSTs an existing event again, `times` times (as Stripe does when it retries); returns the statuses. */
  deliver(eventId: string, times?: number): Promise<number[]>;
  /** A new event and its Stripe-Signature header, recorded in `events` but not sent. */
  signedEvent(type: string, object: object, account?: string): { event: FakeEvent; payload: string; header: string };
  /** Resolves once every webhook delivery started so far (e.g. after a refund) has finished. */
  settled(): Promise<void>;
  /** How many objects of this type the fake created since it started or was reset. */
  count(object: FakeObjectName): number;
  /** While true, every /v1 request has its connection dropped, as if Stripe were unreachable. */
  setUnavailable(unavailable: boolean): void;
  /** Fixes the `created` time (unix seconds) of objects made from now on; null returns to the real clock. */
  setClock(unixSeconds: number | null): void;
  /**
   * Makes an automatic payout, as Stripe's payout schedule would, of everything in euro on the account
   * that no payout took yet (charges and refunds); the transactions it takes become "available". The
   * payout is "paid" at once and gets its own balance transaction (type "payout"); GET
   * /v1/balance_transactions?payout=… lists both. Sends `payout.paid` after returning, like refunds
   * (`settled()` waits for it). Throws if the account cannot be paid out or its new net is not positive.
   * Returns a copy.
   */
  payOut(accountId: string): FakePayout;
  /** Changes an account directly, without an event (use signedEvent + deliver to announce it). */
  updateAccount(id: string, patch: Partial<Omit<FakeAccount, "id" | "object">>): FakeAccount;
  /** Forgets all objects, events, deliveries and idempotency keys; keeps the webhook target. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type Param = string | Param[] | Params;
interface Params {
  [key: string]: Param;
}

interface ApiRequest {
  params: Params;
  account: string | undefined;
  id: string;
  apiKey: string;
  requestId: string;
  idempotencyKey: string | null;
}

interface CheckoutInputs {
  lines: Array<{ name: string; currency: string; unitAmount: number; quantity: number }>;
  applicationFeeAmount: number | null;
  intentMetadata: Metadata;
}

const PAYMENT_METHODS: readonly PaymentMethod[] = ["ideal", "card"];
const PAYOUT_STATUSES = ["pending", "in_transit", "paid", "failed", "canceled"] as const;
const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { ideal: "iDEAL", card: "Kaart" };
// What a test payment with each method reports on its charge.
const PAYMENT_METHOD_DETAILS: Record<PaymentMethod, object> = {
  ideal: { bank: "ing", bic: "INGBNL2A", iban_last4: "5264", verified_name: "Jan Jansen" },
  card: { brand: "visa", country: "NL", exp_month: 12, exp_year: 2034, funding: "credit", last4: "4242" },
};
const ONE_DAY = 24 * 60 * 60;
// A new account's first payouts wait about a week.
const AVAILABLE_AFTER = 7 * ONE_DAY;

/** A Stripe-style error: the SDK turns its status into StripeInvalidRequestError, StripePermissionError, … */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
  }

  body(): object {
    const { type = "invalid_request_error", code, param } = this.details;
    return { error: { type, message: this.message, code, param } };
  }
}

/** Objects that belong to one connected account: only that account's Stripe-Account header finds them. */
class AccountScoped<T extends { id: string }> {
  private readonly items = new Map<string, { account: string; item: T }>();

  add(account: string, item: T): T {
    this.items.set(item.id, { account, item });
    return item;
  }

  get(id: string, account: string | undefined): T | undefined {
    const entry = this.items.get(id);
    return entry && entry.account === account ? entry.item : undefined;
  }

  /** Ignores the account: for the hosted pages, which the customer opens without any key. */
  entry(id: string): { account: string; item: T } | undefined {
    return this.items.get(id);
  }

  list(account: string | undefined): T[] {
    return [...this.items.values()].filter((entry) => entry.account === account).map((entry) => entry.item);
  }

  clear(): void {
    this.items.clear();
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const feeCents = options.feeCents ?? defaultFeeCents;
  let webhookUrl = options.webhookUrl;
  let webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  let unavailable = false;
  let fixedClock: number | null = null;
  const now = () => fixedClock ?? Math.floor(Date.now() / 1000);

  const accounts = new Map<string, FakeAccount>();
  const sessions = new AccountScoped<FakeCheckoutSession>();
  const checkoutInputs = new Map<string, CheckoutInputs>();
  const intents = new AccountScoped<FakePaymentIntent>();
  const charges = new AccountScoped<FakeCharge>();
  const balanceTransactions = new AccountScoped<FakeBalanceTransaction>();
  const refunds = new AccountScoped<FakeRefund>();
  const payouts = new AccountScoped<FakePayout>();
  const scopedStores: Array<AccountScoped<{ id: string }>> = [sessions, intents, charges, balanceTransactions, refunds, payouts];
  // Which payout took each balance transaction (a payout's own transaction included).
  const paidOutBy = new Map<string, string>();
  // Each account's bank account, where its payouts go.
  const bankAccounts = new Map<string, string>();
  const idempotent = new Map<string, { fingerprint: string; body: string }>();
  const counts = new Map<FakeObjectName, number>();
  const events: FakeEvent[] = [];
  const payloads = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const inFlight = new Set<Promise<unknown>>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const sdkConfig = { host: "127.0.0.1", port, protocol: "http" as const };

  function count(object: FakeObjectName): number {
    return counts.get(object) ?? 0;
  }

  function newId(object: keyof typeof ID_PREFIX): string {
    counts.set(object, count(object) + 1);
    return ID_PREFIX[object] + randomId();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? "/", url);
    if (target.pathname.startsWith("/v1/")) {
      // Stripe unreachable: the SDK sees a reset connection, as with a network failure.
      if (unavailable) return void req.socket.destroy();
      return answerApi(req, res, target, await readBody(req));
    }
    const form = req.method === "POST" ? parseStripeForm(await readBody(req)) : undefined;
    const checkout = /^\/checkout\/([^/]+)$/.exec(target.pathname);
    if (checkout) return form ? payOnCheckoutPage(res, checkout[1]!, form) : showCheckoutPage(res, checkout[1]!);
    const onboarding = /^\/connect\/onboarding\/([^/]+)$/.exec(target.pathname);
    const returnUrl = target.searchParams.get("return");
    if (onboarding && returnUrl) {
      return form ? finishOnboarding(res, onboarding[1]!, returnUrl, form) : showOnboardingPage(res, onboarding[1]!, returnUrl);
    }
    sendHtml(res, 404, htmlPage("Niet gevonden", "<h1>Deze pagina bestaat niet</h1>"));
  }

  // ----- the API under /v1 -----

  const routes: Array<{ method: string; pattern: RegExp; handler: (request: ApiRequest) => object }> = [
    { method: "POST", pattern: /^\/v1\/accounts$/, handler: createAccount },
    { method: "GET", pattern: /^\/v1\/accounts\/([^/]+)$/, handler: retrieveAccount },
    { method: "POST", pattern: /^\/v1\/account_links$/, handler: createAccountLink },
    { method: "POST", pattern: /^\/v1\/checkout\/sessions$/, handler: createCheckoutSession },
    { method: "GET", pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/, handler: retrieve(sessions, "checkout.session") },
    { method: "POST", pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, handler: expireCheckoutSession },
    { method: "GET", pattern: /^\/v1\/payment_intents\/([^/]+)$/, handler: retrieve(intents, "payment_intent") },
    { method: "GET", pattern: /^\/v1\/charges\/([^/]+)$/, handler: retrieve(charges, "charge") },
    { method: "GET", pattern: /^\/v1\/balance_transactions$/, handler: listBalanceTransactions },
    { method: "GET", pattern: /^\/v1\/balance_transactions\/([^/]+)$/, handler: retrieve(balanceTransactions, "balance_transaction") },
    { method: "POST", pattern: /^\/v1\/refunds$/, handler: createRefund },
    { method: "GET", pattern: /^\/v1\/payouts$/, handler: listPayouts },
    { method: "GET", pattern: /^\/v1\/payouts\/([^/]+)$/, handler: retrieve(payouts, "payout") },
  ];

  function answerApi(req: IncomingMessage, res: ServerResponse, target: URL, body: string): void {
    const method = req.method ?? "GET";
    const account = header(req, "stripe-account");
    // stripe-node sends an Idempotency-Key (stripe-node-retry-…) with every POST, even without retries.
    const idempotencyKey = method === "POST" ? header(req, "idempotency-key") : undefined;
    const responseHeaders: Record<string, string> = { "Request-Id": "req_" + randomId(14) };
    if (idempotencyKey) responseHeaders["Idempotency-Key"] = idempotencyKey;
    try {
      const apiKey = authenticate(req.headers.authorization);
      if (account !== undefined && !accounts.has(account)) throw noAccessTo(apiKey, account);
      // Keys are scoped to the account the request acts on.
      const scope = idempotencyKey && `${account ?? "platform"} ${idempotencyKey}`;
      const fingerprint = `${method} ${target.pathname} ${body}`;
      const saved = scope ? idempotent.get(scope) : undefined;
      if (saved) {
        if (saved.fingerprint !== fingerprint) {
          throw new ApiError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
              `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            { type: "idempotency_error" },
          );
        }
        return sendJson(res, 200, saved.body, { ...responseHeaders, "Idempotent-Replayed": "true" });
      }
      const { handler, id } = findRoute(method, target.pathname);
      const params = parseStripeForm(method === "GET" ? target.search.slice(1) : body);
      const result = JSON.stringify(
        handler({ params, account, id, apiKey, requestId: responseHeaders["Request-Id"]!, idempotencyKey: idempotencyKey ?? null }),
        null,
        2,
      );
      // Stripe saves no result for requests that fail validation, and every error here is one.
      if (scope) idempotent.set(scope, { fingerprint, body: result });
      sendJson(res, 200, result, responseHeaders);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(res, error.status, error.body(), responseHeaders);
    }
  }

  function findRoute(method: string, path: string): { handler: (request: ApiRequest) => object; id: string } {
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (match) return { handler: route.handler, id: decodeURIComponent(match[1] ?? "") };
    }
    throw new ApiError(
      404,
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
  }

  function createAccount({ params }: ApiRequest): FakeAccount {
    const pending = ["business_type", "external_account", "tos_acceptance.date", "tos_acceptance.ip"];
    const account: FakeAccount = {
      id: newId("account"),
      object: "account",
      type: params.type === undefined ? "standard" : oneOf(params.type, ["standard", "express", "custom"], "type"),
      country: optionalString(params.country, "country") ?? "NL",
      email: optionalString(params.email, "email") ?? null,
      business_type: optionalString(params.business_type, "business_type") ?? null,
      created: now(),
      default_currency: "eur",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      requirements: {
        currently_due: [...pending],
        eventually_due: [...pending],
        past_due: [...pending],
        pending_verification: [],
        current_deadline: null,
        disabled_reason: "requirements.past_due",
        errors: [],
      },
      metadata: metadataParam(params.metadata),
    };
    accounts.set(account.id, account);
    return account;
  }

  function retrieveAccount({ id, apiKey }: ApiRequest): FakeAccount {
    const account = accounts.get(id);
    if (!account) throw noAccessTo(apiKey, id);
    return account;
  }

  function createAccountLink({ params }: ApiRequest): object {
    const account = requiredString(params.account, "account");
    if (!accounts.has(account)) throw new ApiError(400, `No such account: '${account}'`, { code: "resource_missing", param: "account" });
    requiredString(params.refresh_url, "refresh_url");
    const returnUrl = requiredString(params.return_url, "return_url");
    oneOf(params.type, ["account_onboarding", "account_update"], "type");
    counts.set("account_link", count("account_link") + 1);
    const created = now();
    return {
      object: "account_link",
      created,
      expires_at: created + 300,
      url: `${url}/connect/onboarding/${account}?return=${encodeURIComponent(returnUrl)}`,
    };
  }

  function createCheckoutSession({ params, account }: ApiRequest): FakeCheckoutSession {
    if (account === undefined) {
      throw new ApiError(400, "This fake only makes direct charges: create Checkout Sessions with the Stripe-Account header of a connected account.");
    }
    if (!accounts.get(account)!.charges_enabled) {
      throw new ApiError(400, `The connected account ${account} cannot currently make charges (charges_enabled is false).`);
    }
    oneOf(params.mode, ["payment"], "mode");
    const successUrl = requiredString(params.success_url, "success_url");
    const lines = requiredArray(params.line_items, "line_items").map((item, index) => {
      const name = `line_items[${index}]`;
      const entry = requiredObject(item, name);
      const price = requiredObject(entry.price_data, `${name}[price_data]`);
      const product = requiredObject(price.product_data, `${name}[price_data][product_data]`);
      return {
        name: requiredString(product.name, `${name}[price_data][product_data][name]`),
        currency: requiredString(price.currency, `${name}[price_data][currency]`).toLowerCase(),
        unitAmount: integer(price.unit_amount, `${name}[price_data][unit_amount]`, 0),
        quantity: integer(entry.quantity, `${name}[quantity]`, 1),
      };
    });
    if (lines.length === 0) throw missing("line_items");
    const currency = lines[0]!.currency;
    if (lines.some((line) => line.currency !== currency)) {
      throw new ApiError(400, "All line items must have the same currency.", { param: "line_items" });
    }
    // The API version stripe 23 pins (2026-09-30.endive and later) dropped payment_method_types here
    // for allowed_payment_method_types, a filter on the methods the account has switched on.
    if (params.payment_method_types !== undefined) {
      throw new ApiError(
        400,
        "Received unknown parameter: payment_method_types. Since API version 2026-09-30.endive Checkout takes allowed_payment_method_types.",
        { code: "parameter_unknown", param: "payment_method_types" },
      );
    }
    const allowed =
      params.allowed_payment_method_types === undefined
        ? null
        : requiredArray(params.allowed_payment_method_types, "allowed_payment_method_types").map((type, index) =>
            oneOf(type, PAYMENT_METHODS, `allowed_payment_method_types[${index}]`),
          );
    // Without a filter: what a Dutch account typically has switched on (iDEAL only takes euro).
    const methods = allowed ?? (currency === "eur" ? (["ideal", "card"] as PaymentMethod[]) : ["card" as const]);
    if (methods.includes("ideal") && currency !== "eur") {
      throw new ApiError(400, `The payment method type ideal does not support the currency ${currency}; use eur.`, {
        param: "allowed_payment_method_types",
      });
    }
    const amount = lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
    const intentData = params.payment_intent_data === undefined ? {} : requiredObject(params.payment_intent_data, "payment_intent_data");
    const applicationFeeAmount =
      intentData.application_fee_amount === undefined
        ? null
        : integer(intentData.application_fee_amount, "payment_intent_data[application_fee_amount]", 0);
    if (applicationFeeAmount !== null && applicationFeeAmount > amount) {
      throw new ApiError(400, "The application fee cannot be greater than the amount of the payment.", {
        param: "payment_intent_data[application_fee_amount]",
      });
    }
    const id = newId("checkout.session");
    const created = now();
    checkoutInputs.set(id, { lines, applicationFeeAmount, intentMetadata: metadataParam(intentData.metadata) });
    return sessions.add(account, {
      id,
      object: "checkout.session",
      allowed_payment_method_types: allowed,
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: optionalString(params.cancel_url, "cancel_url") ?? null,
      client_reference_id: optionalString(params.client_reference_id, "client_reference_id") ?? null,
      created,
      currency,
      customer_email: optionalString(params.customer_email, "customer_email") ?? null,
      expires_at: created + ONE_DAY,
      livemode: false,
      locale: optionalString(params.locale, "locale") ?? null,
      metadata: metadataParam(params.metadata),
      mode: "payment",
      payment_intent: null,
      payment_method_types: methods,
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      url: `${url}/checkout/${id}`,
    });
  }

  function expireCheckoutSession({ id, account }: ApiRequest): FakeCheckoutSession {
    const session = sessions.get(id, account) ?? notFound("checkout.session", id);
    if (session.status !== "open") throw new ApiError(400, `Only Checkout Sessions with a status in ["open"] can be expired.`);
    session.status = "expired";
    deliverLater(createEvent("checkout.session.expired", session, account));
    return session;
  }

  function createRefund({ params, account, requestId, idempotencyKey }: ApiRequest): FakeRefund {
    const intentId = requiredString(params.payment_intent, "payment_intent");
    const intent = intents.get(intentId, account);
    if (!intent) throw new ApiError(400, `No such payment_intent: '${intentId}'`, { code: "resource_missing", param: "payment_intent" });
    const charge = charges.get(intent.latest_charge, account)!;
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining === 0) throw new ApiError(400, `Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
    const amount = params.amount === undefined ? remaining : integer(params.amount, "amount", 1);
    if (amount > remaining) {
      throw new ApiError(400, `Refund amount (${euros(amount, charge.currency)}) is greater than unrefunded amount on charge (${euros(remaining, charge.currency)})`, {
        param: "amount",
      });
    }
    const reason = params.reason === undefined ? null : oneOf(params.reason, ["duplicate", "fraudulent", "requested_by_customer"], "reason");
    const created = now();
    const refundId = newId("refund");
    const transaction = balanceTransactions.add(account!, {
      id: newId("balance_transaction"),
      object: "balance_transaction",
      amount: -amount,
      available_on: created,
      balance_type: "payments",
      created,
      currency: charge.currency,
      description: "REFUND FOR PAYMENT",
      exchange_rate: null,
      fee: 0,
      fee_details: [],
      net: -amount,
      reporting_category: "refund",
      source: refundId,
      status: "pending",
      type: "refund",
    });
    const refund = refunds.add(account!, {
      id: refundId,
      object: "refund",
      amount,
      balance_transaction: transaction.id,
      charge: charge.id,
      created,
      currency: charge.currency,
      metadata: metadataParam(params.metadata),
      payment_intent: intent.id,
      reason,
      receipt_number: null,
      status: "succeeded",
    });
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    // Stripe sends events for API calls after answering them.
    deliverLater(createEvent("charge.refunded", charge, account, { request: { id: requestId, idempotency_key: idempotencyKey } }));
    return refund;
  }

  function listBalanceTransactions({ params, account }: ApiRequest): object {
    let items = balanceTransactions.list(account);
    if (params.payout !== undefined) {
      // Stripe lists what the payout took and the payout's own transaction (type "payout").
      const payoutId = requiredString(params.payout, "payout");
      if (!payouts.get(payoutId, account)) {
        throw new ApiError(400, `No such payout: '${payoutId}'`, { code: "resource_missing", param: "payout" });
      }
      items = items.filter((transaction) => paidOutBy.get(transaction.id) === payoutId);
    }
    return listPage(items, params, account, "balance_transaction", "/v1/balance_transactions");
  }

  function listPayouts({ params, account }: ApiRequest): object {
    const arrives = rangeFilter(params.arrival_date, "arrival_date");
    const status = params.status === undefined ? undefined : oneOf(params.status, PAYOUT_STATUSES, "status");
    const items = payouts.list(account).filter((payout) => arrives(payout.arrival_date) && (status === undefined || payout.status === status));
    return listPage(items, params, account, "payout", "/v1/payouts");
  }

  /** A page of a Stripe list: newest first, with limit, starting_after, created ranges and expand[]. */
  function listPage<T extends { id: string; created: number }>(
    all: T[],
    params: Params,
    account: string | undefined,
    object: string,
    listUrl: string,
  ): object {
    const limit = params.limit === undefined ? 10 : integer(params.limit, "limit", 1);
    if (limit > 100) throw new ApiError(400, "This value must be less than or equal to 100.", { param: "limit" });
    const inRange = rangeFilter(params.created, "created");
    // Newest first; among equal times the last one made comes first.
    let items = [...all]
      .reverse()
      .sort((a, b) => b.created - a.created)
      .filter((item) => inRange(item.created));
    if (params.starting_after !== undefined) {
      const after = requiredString(params.starting_after, "starting_after");
      const index = items.findIndex((item) => item.id === after);
      if (index < 0) throw new ApiError(400, `No such ${object}: '${after}'`, { code: "resource_missing", param: "starting_after" });
      items = items.slice(index + 1);
    }
    const list = { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url: listUrl };
    return withExpansions(list, params, account);
  }

  function retrieve<T extends { id: string }>(store: AccountScoped<T>, object: string) {
    return ({ id, account, params }: ApiRequest): object => withExpansions(store.get(id, account) ?? notFound(object, id), params, account);
  }

  /** Stripe's expand[]: each dotted path (e.g. "latest_charge.balance_transaction") replaces ids with the objects. */
  function withExpansions(value: object, params: Params, account: string | undefined): object {
    const paths = params.expand === undefined ? [] : requiredArray(params.expand, "expand");
    let expanded = value;
    for (const [index, path] of paths.entries()) {
      expanded = expand(expanded, requiredString(path, `expand[${index}]`).split("."), account) as object;
    }
    return expanded;
  }

  function expand(value: unknown, path: string[], account: string | undefined): unknown {
    const [field, ...rest] = path;
    if (field === undefined) return value;
    if (Array.isArray(value)) return value.map((item: unknown) => expand(item, path, account));
    if (typeof value !== "object" || value === null) return value;
    let child = (value as Record<string, unknown>)[field];
    if (typeof child === "string") child = findScoped(child, account) ?? child;
    return { ...value, [field]: expand(child, rest, account) };
  }

  function findScoped(id: string, account: string | undefined): object | undefined {
    for (const store of scopedStores) {
      const item = store.get(id, account);
      if (item) return item;
    }
    return undefined;
  }

  // ----- the hosted pages a browser visits -----

  function showCheckoutPage(res: ServerResponse, id: string): void {
    const session = sessions.entry(id)?.item;
    if (!session) return sendHtml(res, 404, htmlPage("Niet gevonden", "<h1>Deze betaalpagina bestaat niet</h1>"));
    const { lines } = checkoutInputs.get(id)!;
    const rows = lines
      .map(
        (line) =>
          `<tr><td>${escapeHtml(line.name)}</td><td>${line.quantity}</td><td>${euros(line.unitAmount * line.quantity, line.currency)}</td></tr>`,
      )
      .join("\n");
    const choices = session.payment_method_types
      .map(
        (method, index) =>
          `<div><input type="radio" id="method-${method}" name="method" value="${method}" required${index === 0 ? " checked" : ""}>` +
          ` <label for="method-${method}">${PAYMENT_METHOD_LABELS[method]}</label></div>`,
      )
      .join("\n");
    const action =
      session.status === "open"
        ? `<form method="post" action="/checkout/${escapeHtml(id)}">
<fieldset><legend>Betaalmethode</legend>
${choices}
</fieldset>
<button type="submit">Betalen</button>
</form>`
        : `<p>${sessionClosedMessage(session)}</p>`;
    const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Annuleren</a></p>` : "";
    sendHtml(
      res,
      200,
      htmlPage(
        "Afrekenen",
        `<h1>Afrekenen</h1>
<table>
<caption>Uw bestelling</caption>
<thead><tr><th scope="col">Omschrijving</th><th scope="col">Aantal</th><th scope="col">Bedrag</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="2">Totaal</th><td>${euros(session.amount_total, session.currency)}</td></tr></tfoot>
</table>
${action}
${cancel}`,
      ),
    );
  }

  async function payOnCheckoutPage(res: ServerResponse, id: string, form: Params): Promise<void> {
    const entry = sessions.entry(id);
    if (!entry) return sendHtml(res, 404, htmlPage("Niet gevonden", "<h1>Deze betaalpagina bestaat niet</h1>"));
    const { item: session, account } = entry;
    if (session.status !== "open") return sendHtml(res, 409, htmlPage("Afrekenen", `<h1>Afrekenen</h1><p>${sessionClosedMessage(session)}</p>`));
    const method = session.payment_method_types.find((allowed) => allowed === form.method);
    if (!method) return sendHtml(res, 400, htmlPage("Afrekenen", "<h1>Afrekenen</h1><p>Kies een betaalmethode.</p>"));
    completePayment(account, session, method);
    // Deliver before redirecting, so a test sees the webhook's effects as soon as the browser returns.
    await deliverNow(createEvent("checkout.session.completed", session, account));
    res.writeHead(303, { Location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) }).end();
  }

  function completePayment(account: string, session: FakeCheckoutSession, method: PaymentMethod): void {
    const { applicationFeeAmount, intentMetadata } = checkoutInputs.get(session.id)!;
    const allowed = session.allowed_payment_method_types;
    const amount = session.amount_total;
    const currency = session.currency;
    const fee = feeCents(method, amount);
    const created = now();
    const intentId = newId("payment_intent");
    const chargeId = newId("charge");
    const paymentMethod = "pm_" + randomId();
    const transaction = balanceTransactions.add(account, {
      id: newId("balance_transaction"),
      object: "balance_transaction",
      amount,
      available_on: created + AVAILABLE_AFTER,
      balance_type: "payments",
      created,
      currency,
      description: null,
      exchange_rate: null,
      fee,
      fee_details: [{ amount: fee, application: null, currency, description: "Stripe processing fees", type: "stripe_fee" }],
      net: amount - fee,
      reporting_category: "charge",
      source: chargeId,
      status: "pending",
      type: "charge",
    });
    charges.add(account, {
      id: chargeId,
      object: "charge",
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      application_fee: applicationFeeAmount ? "fee_" + randomId() : null,
      application_fee_amount: applicationFeeAmount,
      balance_transaction: transaction.id,
      captured: true,
      created,
      currency,
      livemode: false,
      metadata: { ...intentMetadata },
      paid: true,
      payment_intent: intentId,
      payment_method: paymentMethod,
      payment_method_details: { type: method, [method]: PAYMENT_METHOD_DETAILS[method] },
      refunded: false,
      status: "succeeded",
    });
    intents.add(account, {
      id: intentId,
      object: "payment_intent",
      allowed_payment_method_types: allowed && [...allowed],
      amount,
      amount_capturable: 0,
      amount_received: amount,
      application_fee_amount: applicationFeeAmount,
      capture_method: "automatic_async",
      created,
      currency,
      description: null,
      latest_charge: chargeId,
      livemode: false,
      metadata: intentMetadata,
      payment_method: paymentMethod,
      payment_method_types: [method],
      status: "succeeded",
    });
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intentId });
  }

  function showOnboardingPage(res: ServerResponse, accountId: string, returnUrl: string): void {
    if (!accounts.has(accountId)) return sendHtml(res, 404, htmlPage("Niet gevonden", "<h1>Dit account bestaat niet</h1>"));
    const action = `/connect/onboarding/${encodeURIComponent(accountId)}?return=${encodeURIComponent(returnUrl)}`;
    sendHtml(
      res,
      200,
      htmlPage(
        "Stripe-account instellen",
        `<h1>Stripe-account instellen</h1>
<p>Testomgeving: hier vult u normaal de gegevens van uw organisatie in bij Stripe.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="scope" value="full">Gegevens invullen</button>
<button type="submit" name="scope" value="charges">Alleen gegevens, nog geen uitbetalingen</button>
</form>`,
      ),
    );
  }

  async function finishOnboarding(res: ServerResponse, accountId: string, returnUrl: string, form: Params): Promise<void> {
    const account = accounts.get(accountId);
    if (!account) return sendHtml(res, 404, htmlPage("Niet gevonden", "<h1>Dit account bestaat niet</h1>"));
    if (form.scope !== "full" && form.scope !== "charges") {
      return sendHtml(res, 400, htmlPage("Stripe-account instellen", "<h1>Stripe-account instellen</h1><p>Kies een van de knoppen.</p>"));
    }
    const before = structuredClone(account);
    // Without a bank account (external_account) Stripe lets the account take payments but not pay out.
    const stillDue = form.scope === "full" ? [] : ["external_account"];
    Object.assign(account, {
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: form.scope === "full",
      requirements: { ...account.requirements, currently_due: stillDue, eventually_due: [...stillDue], past_due: [], disabled_reason: null },
    });
    await deliverNow(createEvent("account.updated", account, account.id, { previous: changedFields(before, account) }));
    res.writeHead(303, { Location: returnUrl }).end();
  }

  // ----- payouts, made by the test rather than by a schedule -----

  function payOut(accountId: string): FakePayout {
    const account = accounts.get(accountId);
    if (!account) throw new Error(`fake Stripe has no account ${accountId}`);
    if (!account.payouts_enabled) throw new Error(`fake Stripe cannot pay out ${accountId}: its payouts_enabled is false`);
    const taken = balanceTransactions
      .list(accountId)
      .filter((transaction) => transaction.currency === "eur" && !paidOutBy.has(transaction.id));
    const amount = taken.reduce((sum, transaction) => sum + transaction.net, 0);
    if (amount <= 0) {
      throw new Error(`fake Stripe has nothing to pay out on ${accountId}: ${taken.length} new euro transactions with a net of ${amount} cents`);
    }
    const created = now();
    const payoutId = newId("payout");
    const transaction = balanceTransactions.add(accountId, {
      id: newId("balance_transaction"),
      object: "balance_transaction",
      amount: -amount,
      available_on: created,
      balance_type: "payments",
      created,
      currency: "eur",
      description: "STRIPE PAYOUT",
      exchange_rate: null,
      fee: 0,
      fee_details: [],
      net: -amount,
      reporting_category: "payout",
      source: payoutId,
      status: "available",
      type: "payout",
    });
    for (const included of [...taken, transaction]) {
      paidOutBy.set(included.id, payoutId);
      // Only available funds are paid out: the payout implies they became available by now.
      included.status = "available";
      included.available_on = Math.min(included.available_on, created);
    }
    let destination = bankAccounts.get(accountId);
    if (!destination) bankAccounts.set(accountId, (destination = "ba_" + randomId()));
    const payout = payouts.add(accountId, {
      id: payoutId,
      object: "payout",
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: created,
      automatic: true,
      balance_transaction: transaction.id,
      created,
      currency: "eur",
      description: "STRIPE PAYOUT",
      destination,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      method: "standard",
      original_payout: null,
      payout_method: null,
      reconciliation_status: "completed",
      reversed_by: null,
      source_type: "card",
      statement_descriptor: null,
      status: "paid",
      trace_id: { status: "unsupported", value: null },
      type: "bank_account",
    });
    deliverLater(createEvent("payout.paid", payout, accountId));
    return structuredClone(payout);
  }

  // ----- events and webhooks -----

  function createEvent(
    type: string,
    object: object,
    account: string | undefined,
    extra: { previous?: object; request?: FakeEvent["request"] } = {},
  ): FakeEvent {
    const event: FakeEvent = {
      id: newId("event"),
      object: "event",
      ...(account ? { account } : {}),
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object), ...(extra.previous ? { previous_attributes: extra.previous } : {}) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: extra.request ?? { id: null, idempotency_key: null },
      type,
    };
    events.push(event);
    // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
    payloads.set(event.id, JSON.stringify(event, null, 2));
    return event;
  }

  async function post(eventId: string): Promise<number> {
    const payload = payloads.get(eventId);
    if (payload === undefined) throw new Error(`fake Stripe has no event ${eventId}`);
    if (!webhookUrl) throw new Error("fake Stripe has no webhook URL: pass webhookUrl or call setWebhook first");
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    let status = 0;
    try {
      const response = await fetch(webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      // Unreachable or too slow: recorded as status 0, like a failed delivery on Stripe.
    }
    deliveries.push({ eventId, type: events.find((event) => event.id === eventId)!.type, status });
    return status;
  }

  async function deliverNow(event: FakeEvent): Promise<void> {
    if (webhookUrl) await post(event.id);
  }

  function deliverLater(event: FakeEvent): void {
    if (!webhookUrl) return;
    const delivery = post(event.id).finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  }

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.all(inFlight);
  }

  return {
    port,
    url,
    sdkConfig,
    stripe: (secretKey = "sk_test_fake") => new Stripe(secretKey, { ...sdkConfig, maxNetworkRetries: 0 }),
    get webhookSecret() {
      return webhookSecret;
    },
    setWebhook(newUrl, secret) {
      webhookUrl = newUrl;
      webhookSecret = secret;
    },
    events,
    deliveries,
    async deliver(eventId, times = 1) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < times; attempt++) statuses.push(await post(eventId));
      return statuses;
    },
    signedEvent(type, object, account) {
      const event = createEvent(type, object, account);
      const payload = payloads.get(event.id)!;
      return { event, payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) };
    },
    settled,
    count,
    setUnavailable(value) {
      unavailable = value;
    },
    setClock(unixSeconds) {
      fixedClock = unixSeconds;
    },
    payOut,
    updateAccount(id, patch) {
      const account = accounts.get(id);
      if (!account) throw new Error(`fake Stripe has no account ${id}`);
      return Object.assign(account, patch);
    },
    async reset() {
      await settled();
      accounts.clear();
      for (const store of scopedStores) store.clear();
      checkoutInputs.clear();
      paidOutBy.clear();
      bankAccounts.clear();
      idempotent.clear();
      counts.clear();
      events.length = 0;
      payloads.clear();
      deliveries.length = 0;
      unavailable = false;
      fixedClock = null;
    },
    async close() {
      await settled();
      // The SDK keeps connections alive; close them so the server can stop.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

// ----- request parsing and validation, in Stripe's words -----

/**
 * Parses a form body or query string in Stripe's bracket notation into nested objects and arrays:
 * `line_items[0][price_data][unit_amount]=450` → { line_items: [{ price_data: { unit_amount: "450" } }] }.
 * stripe-node writes arrays with explicit indexes (`expand[0]=…`), so a numeric segment means an array.
 */
function parseStripeForm(text: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split("[").map((segment) => segment.replace(/\]$/, ""));
    let node: Record<string, Param> = root;
    for (const [index, segment] of path.entries()) {
      if (index === path.length - 1) {
        node[segment] = value;
      } else {
        const child = node[segment];
        if (child === undefined || typeof child === "string") node[segment] = /^\d+$/.test(path[index + 1] ?? "") ? [] : {};
        node = node[segment] as Record<string, Param>;
      }
    }
  }
  return root;
}

function missing(param: string): ApiError {
  return new ApiError(400, `Missing required param: ${param}.`, { code: "parameter_missing", param });
}

function invalid(param: string, expected: string): ApiError {
  return new ApiError(400, `Invalid ${param}: expected ${expected}.`, { code: "parameter_invalid", param });
}

function requiredString(value: Param | undefined, param: string): string {
  if (value === undefined || value === "") throw missing(param);
  if (typeof value !== "string") throw invalid(param, "a string");
  return value;
}

function optionalString(value: Param | undefined, param: string): string | undefined {
  return value === undefined ? undefined : requiredString(value, param);
}

function requiredObject(value: Param | undefined, param: string): Params {
  if (value === undefined) throw missing(param);
  if (typeof value === "string" || Array.isArray(value)) throw invalid(param, "an object");
  return value;
}

function requiredArray(value: Param | undefined, param: string): Param[] {
  if (value === undefined) throw missing(param);
  if (!Array.isArray(value)) throw invalid(param, "an array");
  return value;
}

function integer(value: Param | undefined, param: string, minimum: number): number {
  const text = requiredString(value, param);
  if (!/^-?\d+$/.test(text)) throw new ApiError(400, `Invalid integer: ${text}`, { code: "parameter_invalid_integer", param });
  const number = Number(text);
  if (number < minimum) {
    throw new ApiError(400, `This value must be greater than or equal to ${minimum}.`, { code: "parameter_invalid_integer", param });
  }
  return number;
}

function oneOf<T extends string>(value: Param | undefined, allowed: readonly T[], param: string): T {
  const text = requiredString(value, param);
  const match = allowed.find((option) => option === text);
  if (!match) throw new ApiError(400, `Invalid ${param}: must be one of ${allowed.join(", ")}`, { code: "parameter_invalid", param });
  return match;
}

function metadataParam(value: Param | undefined): Metadata {
  if (value === undefined) return {};
  const metadata: Metadata = {};
  for (const [key, entry] of Object.entries(requiredObject(value, "metadata"))) metadata[key] = requiredString(entry, `metadata[${key}]`);
  return metadata;
}

/** A timestamp filter such as `created`: an exact value or a range of gt, gte, lt and lte. */
function rangeFilter(value: Param | undefined, param: string): (time: number) => boolean {
  if (value === undefined) return () => true;
  if (typeof value === "string") {
    const exact = integer(value, param, 0);
    return (time) => time === exact;
  }
  const range = requiredObject(value, param);
  const bound = (name: string) => (range[name] === undefined ? undefined : integer(range[name], `${param}[${name}]`, 0));
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  return (time) =>
    (gt === undefined || time > gt) &&
    (gte === undefined || time >= gte) &&
    (lt === undefined || time < lt) &&
    (lte === undefined || time <= lte);
}

function noAccessTo(apiKey: string, account: string): ApiError {
  const redacted = apiKey.slice(0, 8) + "*".repeat(Math.max(apiKey.length - 12, 0)) + apiKey.slice(-4);
  return new ApiError(
    403,
    `The provided key '${redacted}' does not have access to account '${account}' (or that account does not exist). ` +
      `Application access may have been revoked.`,
  );
}

function notFound(object: string, id: string): never {
  throw new ApiError(404, `No such ${object}: '${id}'`, { code: "resource_missing", param: "id" });
}

/** Only secret test keys: a live or publishable key in a test is a mistake worth failing on. */
function authenticate(authorization: string | undefined): string {
  if (!authorization?.startsWith("Bearer ")) {
    throw new ApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, " +
        "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const apiKey = authorization.slice("Bearer ".length);
  if (!apiKey.startsWith("sk_test_")) throw new ApiError(401, `Invalid API Key provided: ${apiKey.slice(0, 8)}****`);
  return apiKey;
}

function sessionClosedMessage(session: FakeCheckoutSession): string {
  return session.status === "complete" ? "Deze betaling is al afgerond." : "Deze betaalpagina is verlopen.";
}

/** Changed top-level fields with their old values, like an event's data.previous_attributes. */
function changedFields(before: object, after: object): object {
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify((after as Record<string, unknown>)[key])) previous[key] = value;
  }
  return previous;
}

// ----- HTTP plumbing -----

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomId(length = 24): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: object | string, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" }).end(html);
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Stripe (testomgeving)</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function euros(cents: number, currency: string): string {
  return new Intl.NumberFormat("nl-NL", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}
