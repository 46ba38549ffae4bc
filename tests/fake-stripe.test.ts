import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "./support/fake-stripe";

// The fake is driven through the real SDK; webhooks go to a small receiver that verifies them the
// way an application must: stripe.webhooks.constructEvent on the raw body.

const SECRET = "whsec_test_receiver";

interface Receiver {
  url: string;
  received: Stripe.Event[];
  contentTypes: string[];
  /** What the receiver answers to a correctly signed event. */
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [] as Stripe.Event[], contentTypes: [] as string[], status: 200 };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    receiver.contentTypes.push(req.headers["content-type"] ?? "");
    try {
      receiver.received.push(Stripe.webhooks.constructEvent(Buffer.concat(chunks), req.headers["stripe-signature"] ?? "", SECRET));
      res.writeHead(receiver.status).end();
    } catch {
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let fake: FakeStripe;
let receiver: Receiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  fake = await startFakeStripe({ webhookUrl: receiver.url, webhookSecret: SECRET });
  stripe = fake.stripe();
});
beforeEach(async () => {
  await fake.reset();
  receiver.received.length = 0;
  receiver.contentTypes.length = 0;
  receiver.status = 200;
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});

/** The rejection of a promise that must fail. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

/** A connected account that finished onboarding. */
async function readyAccount(): Promise<string> {
  const account = await stripe.accounts.create({ type: "standard", country: "NL", email: "penningmeester@wijk.example" });
  fake.updateAccount(account.id, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
  return account.id;
}

function sessionParams(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      { price_data: { currency: "eur", unit_amount: 450, product_data: { name: "Erwtensoep" } }, quantity: 2 },
      { price_data: { currency: "eur", unit_amount: 150, product_data: { name: "Roggebrood" } }, quantity: 1 },
    ],
    allowed_payment_method_types: ["ideal", "card"],
    locale: "nl",
    success_url: "https://wijk.example/betaald?sessie={CHECKOUT_SESSION_ID}",
    cancel_url: "https://wijk.example/geannuleerd",
    client_reference_id: "bestelling-7",
    customer_email: "buur@wijk.example",
    metadata: { record: "maaltijd-12" },
    payment_intent_data: { application_fee_amount: 50, metadata: { record: "maaltijd-12" } },
    ...overrides,
  };
}

async function openSession(account: string, overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create(sessionParams(overrides), { stripeAccount: account });
}

/** What the customer's browser does on the hosted page. */
function pay(session: { url: string | null }, method: string) {
  return fetch(session.url!, { method: "POST", body: new URLSearchParams({ method }), redirect: "manual" });
}

describe("the API's authentication and routes", () => {
  it("answers 401 in Stripe's error shape without a secret test key", async () => {
    const response = await fetch(`${fake.url}/v1/accounts`, { method: "POST" });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("You did not provide an API key");

    const error = await failure(fake.stripe("pk_test_publishable").accounts.create({}));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, message: "Invalid API Key provided: pk_test_****" });
  });

  it("answers 404 in Stripe's error shape for a route it does not know", async () => {
    const response = await fetch(`${fake.url}/v1/customers`, { headers: { Authorization: "Bearer sk_test_fake" } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("Unrecognized request URL (GET: /v1/customers)");
  });
});

describe("connected accounts", () => {
  it("creates a standard account that cannot take payments until onboarding is done", async () => {
    const account = await stripe.accounts.create({ email: "penningmeester@wijk.example", metadata: { tenant: "steenwijk-west" } });
    expect(account.id).toMatch(/^acct_[A-Za-z0-9]{24}$/);
    expect(account).toMatchObject({
      object: "account",
      type: "standard",
      country: "NL",
      email: "penningmeester@wijk.example",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      metadata: { tenant: "steenwijk-west" },
    });
    expect(account.requirements?.currently_due).toContain("external_account");
    expect(account.requirements?.disabled_reason).toBe("requirements.past_due");
    expect(Math.abs(account.created! - Date.now() / 1000)).toBeLessThan(5);

    const again = await stripe.accounts.retrieve(account.id);
    expect(again.id).toBe(account.id);
    expect(again.email).toBe("penningmeester@wijk.example");
    expect(fake.count("account")).toBe(1);
  });

  it("refuses an account it does not know, as Stripe does: 403, not 404", async () => {
    const error = await failure(stripe.accounts.retrieve("acct_doesnotexist"));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error).toMatchObject({ statusCode: 403 });
    expect((error as Error).message).toContain("does not have access to account 'acct_doesnotexist'");

    const viaHeader = await failure(openSession("acct_doesnotexist"));
    expect(viaHeader).toMatchObject({ statusCode: 403 });
  });
});

describe("onboarding through an account link", () => {
  it("links to a Dutch page whose first button enables payments and payouts, then reports account.updated", async () => {
    const account = await stripe.accounts.create({});
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: "https://wijk.example/stripe/opnieuw",
      return_url: "https://wijk.example/stripe/klaar",
      type: "account_onboarding",
    });
    expect(link.object).toBe("account_link");
    expect(link.url).toBe(`${fake.url}/connect/onboarding/${account.id}?return=${encodeURIComponent("https://wijk.example/stripe/klaar")}`);
    expect(link.expires_at - link.created).toBe(300);

    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("<h1>Stripe-account instellen</h1>");
    expect(html).toContain('<button type="submit" name="scope" value="full">Gegevens invullen</button>');
    expect(html).toContain("Alleen gegevens, nog geen uitbetalingen</button>");

    const done = await fetch(link.url, { method: "POST", body: new URLSearchParams({ scope: "full" }), redirect: "manual" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("https://wijk.example/stripe/klaar");

    const updated = await stripe.accounts.retrieve(account.id);
    expect(updated).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect(updated.requirements).toMatchObject({ currently_due: [], past_due: [], disabled_reason: null });

    // Delivered before the redirect: no waiting needed.
    expect(receiver.received).toHaveLength(1);
    const event = receiver.received[0]!;
    expect(event.type).toBe("account.updated");
    expect(event.account).toBe(account.id);
    expect(event.id).toMatch(/^evt_/);
    expect(event.livemode).toBe(false);
    expect(event.data.object).toMatchObject({ id: account.id, charges_enabled: true });
    expect(event.data.previous_attributes).toMatchObject({ charges_enabled: false, payouts_enabled: false });
    expect(fake.deliveries).toEqual([{ eventId: event.id, type: "account.updated", status: 200 }]);
    expect(receiver.contentTypes).toEqual(["application/json"]);
  });

  it("lets the second button enable payments but not payouts", async () => {
    const account = await stripe.accounts.create({});
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: "https://wijk.example/r",
      return_url: "https://wijk.example/k",
      type: "account_onboarding",
    });
    await fetch(link.url, { method: "POST", body: new URLSearchParams({ scope: "charges" }), redirect: "manual" });
    const updated = await stripe.accounts.retrieve(account.id);
    expect(updated).toMatchObject({ charges_enabled: true, payouts_enabled: false, details_submitted: true });
    expect(updated.requirements?.currently_due).toEqual(["external_account"]);
  });
});

describe("Checkout Sessions on a connected account", () => {
  it("creates an open session from bracket-encoded line items, metadata and payment methods", async () => {
    const account = await readyAccount();
    const session = await openSession(account);
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      amount_total: 1050,
      currency: "eur",
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      metadata: { record: "maaltijd-12" },
      client_reference_id: "bestelling-7",
      locale: "nl",
      allowed_payment_method_types: ["ideal", "card"],
      payment_method_types: ["ideal", "card"],
      success_url: "https://wijk.example/betaald?sessie={CHECKOUT_SESSION_ID}",
      cancel_url: "https://wijk.example/geannuleerd",
      livemode: false,
      url: `${fake.url}/checkout/${session.id}`,
    });

    const again = await stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: account });
    expect(again.amount_total).toBe(1050);
  });

  it("takes allowed_payment_method_types, as the SDK's API version does, and refuses payment_method_types", async () => {
    const account = await readyAccount();
    const unfiltered = await openSession(account, { allowed_payment_method_types: undefined });
    expect(unfiltered.allowed_payment_method_types).toBeNull();
    expect(unfiltered.payment_method_types).toEqual(["ideal", "card"]);

    // An older integration's parameter, sent past the SDK's types.
    const legacy = { ...sessionParams(), payment_method_types: ["ideal"] } as Stripe.Checkout.SessionCreateParams;
    const error = await failure(stripe.checkout.sessions.create(legacy, { stripeAccount: account }));
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "payment_method_types" });
  });

  it("keeps a session to its own account: another account (or none) gets 404", async () => {
    const session = await openSession(await readyAccount());
    const other = await readyAccount();
    const error = await failure(stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: other }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await failure(stripe.checkout.sessions.retrieve(session.id))).toMatchObject({ statusCode: 404 });
  });

  it("refuses a session without Stripe-Account or on an account that cannot take payments yet", async () => {
    expect(await failure(stripe.checkout.sessions.create(sessionParams()))).toMatchObject({ statusCode: 400 });
    const unfinished = await stripe.accounts.create({});
    const error = await failure(openSession(unfinished.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400 });
    expect((error as Error).message).toContain("charges_enabled");
    expect(fake.count("checkout.session")).toBe(0);
  });

  it("refuses an amount that is not a whole, non-negative number of cents", async () => {
    const account = await readyAccount();
    for (const unit_amount of [4.5, -1]) {
      const error = await failure(
        openSession(account, { line_items: [{ price_data: { currency: "eur", unit_amount, product_data: { name: "Soep" } }, quantity: 1 }] }),
      );
      expect(error).toMatchObject({ statusCode: 400, param: "line_items[0][price_data][unit_amount]" });
    }
    expect(fake.count("checkout.session")).toBe(0);
  });

  it("refuses mixed currencies, iDEAL in another currency than euro, and a fee above the total", async () => {
    const account = await readyAccount();
    const soup = { price_data: { currency: "eur", unit_amount: 450, product_data: { name: "Soep" } }, quantity: 1 };
    const mixed = await failure(
      openSession(account, { line_items: [soup, { ...soup, price_data: { ...soup.price_data, currency: "usd" } }] }),
    );
    expect(mixed).toMatchObject({ statusCode: 400, param: "line_items" });
    const dollars = await failure(openSession(account, { line_items: [{ ...soup, price_data: { ...soup.price_data, currency: "usd" } }] }));
    expect(dollars).toMatchObject({ statusCode: 400, param: "allowed_payment_method_types" });
    const fee = await failure(openSession(account, { payment_intent_data: { application_fee_amount: 1051 } }));
    expect(fee).toMatchObject({ statusCode: 400, param: "payment_intent_data[application_fee_amount]" });
    expect(fake.count("checkout.session")).toBe(0);
  });

  it("shows a Dutch payment page with the items, the total in euro and the session's payment methods", async () => {
    const account = await readyAccount();
    const page = await fetch((await openSession(account)).url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("<td>Erwtensoep</td><td>2</td>");
    expect(html).toContain("<td>Roggebrood</td>");
    expect(html).toMatch(/Totaal<\/th><td>€\s10,50<\/td>/);
    expect(html).toContain('<label for="method-ideal">iDEAL</label>');
    expect(html).toContain('<label for="method-card">Kaart</label>');
    expect(html).toContain('<button type="submit">Betalen</button>');
    expect(html).toContain('<a href="https://wijk.example/geannuleerd">Annuleren</a>');

    const idealOnly = await (await fetch((await openSession(account, { allowed_payment_method_types: ["ideal"] })).url!)).text();
    expect(idealOnly).toContain("iDEAL");
    expect(idealOnly).not.toContain("Kaart");
  });

  it("expires an open session, but not a paid one", async () => {
    const account = await readyAccount();
    const open = await openSession(account);
    const expired = await stripe.checkout.sessions.expire(open.id, {}, { stripeAccount: account });
    expect(expired.status).toBe("expired");
    await fake.settled();
    expect(receiver.received.map((event) => event.type)).toEqual(["checkout.session.expired"]);
    expect((await pay(open, "ideal")).status).toBe(409);

    const paid = await openSession(account);
    await pay(paid, "ideal");
    const error = await failure(stripe.checkout.sessions.expire(paid.id, {}, { stripeAccount: account }));
    expect(error).toMatchObject({ statusCode: 400 });
  });
});

describe("paying on the hosted page", () => {
  it("completes the session, records the payment and tells the webhook before redirecting", async () => {
    const account = await readyAccount();
    const session = await openSession(account);
    const response = await pay(session, "ideal");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`https://wijk.example/betaald?sessie=${session.id}`);

    expect(receiver.received).toHaveLength(1);
    const event = receiver.received[0]!;
    expect(event.type).toBe("checkout.session.completed");
    expect(event.account).toBe(account);
    const completed = event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ id: session.id, status: "complete", payment_status: "paid", amount_total: 1050 });
    expect(completed.payment_intent).toMatch(/^pi_/);

    const intent = await stripe.paymentIntents.retrieve(
      completed.payment_intent as string,
      { expand: ["latest_charge.balance_transaction"] },
      { stripeAccount: account },
    );
    expect(intent).toMatchObject({ status: "succeeded", amount: 1050, application_fee_amount: 50, metadata: { record: "maaltijd-12" } });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.payment_method_details?.type).toBe("ideal");
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(transaction.id).toMatch(/^txn_/);
    expect(transaction).toMatchObject({ type: "charge", reporting_category: "charge", amount: 1050, fee: 29, net: 1021, source: charge.id });
    expect(transaction.available_on).toBeGreaterThan(transaction.created);

    const retrieved = await stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: account });
    expect(retrieved.status).toBe("complete");
    expect(fake.count("payment_intent")).toBe(1);
  });

  it("charges a card 25 cents plus 1.5 %", async () => {
    const account = await readyAccount();
    const session = await openSession(account);
    await pay(session, "card");
    const intent = (receiver.received[0]!.data.object as Stripe.Checkout.Session).payment_intent as string;
    const charge = (await stripe.paymentIntents.retrieve(intent, {}, { stripeAccount: account })).latest_charge as string;
    const transaction = await stripe.balanceTransactions.retrieve(
      (await stripe.charges.retrieve(charge, {}, { stripeAccount: account })).balance_transaction as string,
      {},
      { stripeAccount: account },
    );
    expect(transaction.fee).toBe(41); // 25 + round(15.75)
    expect(transaction.net).toBe(1009);
  });

  it("takes its fees from the feeCents option", async () => {
    const own = await startFakeStripe({ feeCents: (method, amount) => (method === "ideal" ? 10 : amount) });
    try {
      const client = own.stripe();
      const account = await client.accounts.create({});
      own.updateAccount(account.id, { charges_enabled: true });
      const session = await client.checkout.sessions.create(sessionParams(), { stripeAccount: account.id });
      await pay(session, "ideal");
      const list = await client.balanceTransactions.list({}, { stripeAccount: account.id });
      expect(list.data.map((transaction) => transaction.fee)).toEqual([10]);
      // Without a webhook URL the event is kept but not sent.
      expect(own.events.map((event) => event.type)).toEqual(["checkout.session.completed"]);
      expect(own.deliveries).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("answers 409 to a second payment and changes nothing", async () => {
    const account = await readyAccount();
    const session = await openSession(account);
    await pay(session, "ideal");
    const second = await pay(session, "card");
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Deze betaling is al afgerond.");
    expect(fake.count("payment_intent")).toBe(1);
    expect(fake.count("balance_transaction")).toBe(1);
    expect(fake.deliveries).toHaveLength(1);
  });

  it("refuses a payment method the session does not offer", async () => {
    const account = await readyAccount();
    const session = await openSession(account, { allowed_payment_method_types: ["ideal"] });
    expect((await pay(session, "card")).status).toBe(400);
    expect(fake.count("payment_intent")).toBe(0);
  });
});

describe("refunds", () => {
  it("refunds part, then the rest, and refuses more than remains", async () => {
    const account = await readyAccount();
    const session = await openSession(account);
    await pay(session, "ideal");
    const intent = (receiver.received[0]!.data.object as Stripe.Checkout.Session).payment_intent as string;

    const part = await stripe.refunds.create(
      { payment_intent: intent, amount: 300, reason: "requested_by_customer", metadata: { record: "maaltijd-12" } },
      { stripeAccount: account },
    );
    expect(part.id).toMatch(/^re_/);
    expect(part).toMatchObject({ object: "refund", status: "succeeded", amount: 300, payment_intent: intent, reason: "requested_by_customer" });
    const transaction = await stripe.balanceTransactions.retrieve(part.balance_transaction as string, {}, { stripeAccount: account });
    expect(transaction).toMatchObject({ type: "refund", amount: -300, fee: 0, net: -300, source: part.id });

    const rest = await stripe.refunds.create({ payment_intent: intent }, { stripeAccount: account });
    expect(rest.amount).toBe(750);
    const charge = await stripe.charges.retrieve(rest.charge as string, {}, { stripeAccount: account });
    expect(charge).toMatchObject({ amount_refunded: 1050, refunded: true });

    const error = await failure(stripe.refunds.create({ payment_intent: intent, amount: 1 }, { stripeAccount: account }));
    expect(error).toMatchObject({ statusCode: 400 });
    expect(fake.count("refund")).toBe(2);

    await fake.settled();
    const refunded = receiver.received.filter((event) => event.type === "charge.refunded");
    expect(refunded.map((event) => (event.data.object as Stripe.Charge).amount_refunded).sort()).toEqual([1050, 300]);
    expect(refunded.every((event) => event.account === account)).toBe(true);
  });

  it("refuses a refund larger than the payment", async () => {
    const account = await readyAccount();
    await pay(await openSession(account), "card");
    const intent = (receiver.received[0]!.data.object as Stripe.Checkout.Session).payment_intent as string;
    const error = await failure(stripe.refunds.create({ payment_intent: intent, amount: 1051 }, { stripeAccount: account }));
    expect(error).toMatchObject({ statusCode: 400, param: "amount" });
    expect(fake.count("refund")).toBe(0);
  });
});

describe("listing balance transactions", () => {
  it("lists newest first and honours limit, starting_after and created ranges", async () => {
    const account = await readyAccount();
    const day = 24 * 60 * 60;
    const start = 1_767_225_600; // 2026-01-01
    // The last payment is dated earliest: the list sorts by created, not by when the fake made it.
    for (const offset of [0, 1, 2, -1]) {
      fake.setClock(start + offset * day);
      await pay(await openSession(account), "ideal");
    }
    const options = { stripeAccount: account };
    const all = await stripe.balanceTransactions.list({}, options);
    expect(all.object).toBe("list");
    expect(all.url).toBe("/v1/balance_transactions");
    expect(all.data.map((transaction) => transaction.created)).toEqual([start + 2 * day, start + day, start, start - day]);

    const first = await stripe.balanceTransactions.list({ limit: 2 }, options);
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const next = await stripe.balanceTransactions.list({ limit: 2, starting_after: first.data[1]!.id }, options);
    expect(next.data.map((transaction) => transaction.created)).toEqual([start, start - day]);
    expect(next.has_more).toBe(false);

    const middle = await stripe.balanceTransactions.list({ created: { gte: start + day, lt: start + 2 * day } }, options);
    expect(middle.data.map((transaction) => transaction.created)).toEqual([start + day]);

    const expanded = await stripe.balanceTransactions.list({ limit: 1, expand: ["data.source"] }, options);
    expect((expanded.data[0]!.source as Stripe.Charge).object).toBe("charge");

    expect((await stripe.balanceTransactions.list({}, { stripeAccount: await readyAccount() })).data).toEqual([]);
  });
});

/** Pays a new session on the hosted page; returns its payment intent and the charge's balance transaction. */
async function paidSession(account: string, method: "ideal" | "card") {
  const session = await openSession(account);
  expect((await pay(session, method)).status).toBe(303);
  const paid = await stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: account });
  const intent = await stripe.paymentIntents.retrieve(
    paid.payment_intent as string,
    { expand: ["latest_charge.balance_transaction"] },
    { stripeAccount: account },
  );
  return { intent: intent.id, transaction: (intent.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction };
}

/** Every balance transaction a payout took, through the SDK's auto-pagination, sources expanded. */
async function transactionsOf(payout: string, account: string): Promise<Stripe.BalanceTransaction[]> {
  const list = stripe.balanceTransactions.list({ payout, limit: 2, expand: ["data.source"] }, { stripeAccount: account });
  return list.autoPagingToArray({ limit: 100 });
}

describe("automatic payouts", () => {
  it("pays out the nets of what the account took, and lists by payout exactly those transactions and its own", async () => {
    const account = await readyAccount();
    const ideal = await paidSession(account, "ideal"); // 1050 − 29
    const card = await paidSession(account, "card"); // 1050 − 41
    const refund = await stripe.refunds.create({ payment_intent: ideal.intent, amount: 300 }, { stripeAccount: account });
    // Another account's money is not this account's payout.
    const elsewhere = await readyAccount();
    await paidSession(elsewhere, "ideal");

    const payout = fake.payOut(account);
    expect(payout.id).toMatch(/^po_[A-Za-z0-9]{24}$/);
    expect(payout).toMatchObject({
      object: "payout",
      amount: 1021 + 1009 - 300,
      currency: "eur",
      status: "paid",
      automatic: true,
      method: "standard",
      type: "bank_account",
      livemode: false,
      metadata: {},
    });
    expect(payout.balance_transaction).toMatch(/^txn_/);
    expect(Math.abs(payout.created - Date.now() / 1000)).toBeLessThan(5);
    expect(payout.arrival_date).toBeGreaterThanOrEqual(payout.created);
    expect(fake.count("payout")).toBe(1);

    const retrieved = await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: account });
    expect(retrieved.lastResponse.statusCode).toBe(200);
    expect({ ...retrieved, lastResponse: undefined }).toEqual({ ...payout, lastResponse: undefined });
    const own = await stripe.balanceTransactions.retrieve(payout.balance_transaction, {}, { stripeAccount: account });
    expect(own).toMatchObject({ type: "payout", reporting_category: "payout", amount: -1730, fee: 0, net: -1730, source: payout.id, currency: "eur" });

    const taken = await transactionsOf(payout.id, account);
    expect(taken.map((transaction) => transaction.id).sort()).toEqual(
      [ideal.transaction.id, card.transaction.id, refund.balance_transaction as string, payout.balance_transaction].sort(),
    );
    const nets = taken.filter((transaction) => transaction.type !== "payout").reduce((sum, transaction) => sum + transaction.net, 0);
    expect(nets).toBe(payout.amount);
    expect(taken.reduce((sum, transaction) => sum + transaction.net, 0)).toBe(0);
    expect(Object.fromEntries(taken.map((transaction) => [transaction.type, (transaction.source as { object: string }).object]))).toEqual({
      charge: "charge",
      refund: "refund",
      payout: "payout",
    });
    expect(taken.every((transaction) => transaction.status === "available")).toBe(true);

    // A later payment goes into the next payout, and only it.
    const later = await paidSession(account, "ideal");
    const second = fake.payOut(account);
    expect(second.id).not.toBe(payout.id);
    expect(second.amount).toBe(1021);
    expect((await transactionsOf(second.id, account)).map((transaction) => transaction.id).sort()).toEqual(
      [later.transaction.id, second.balance_transaction].sort(),
    );
    expect(await transactionsOf(payout.id, account)).toHaveLength(4);
    // Without the filter every transaction is listed, the payouts' own included.
    expect((await stripe.balanceTransactions.list({ limit: 100 }, { stripeAccount: account })).data).toHaveLength(6);
    expect(fake.count("payout")).toBe(2);
  });

  it("lists an account's payouts newest first, with limit, starting_after, created and status", async () => {
    const account = await readyAccount();
    const day = 24 * 60 * 60;
    const start = 1_767_225_600; // 2026-01-01
    // The last payout is dated earliest: the list sorts by created.
    const made: Record<number, string> = {};
    for (const offset of [0, 1, 2, -1]) {
      fake.setClock(start + offset * day);
      await paidSession(account, "ideal");
      made[offset] = fake.payOut(account).id;
    }
    const options = { stripeAccount: account };
    const all = await stripe.payouts.list({}, options);
    expect(all.object).toBe("list");
    expect(all.url).toBe("/v1/payouts");
    expect(all.data.map((payout) => payout.id)).toEqual([made[2], made[1], made[0], made[-1]]);
    expect(all.data.map((payout) => payout.created)).toEqual([start + 2 * day, start + day, start, start - day]);
    expect(all.data.every((payout) => payout.amount === 1021)).toBe(true);

    const first = await stripe.payouts.list({ limit: 2 }, options);
    expect(first.data.map((payout) => payout.id)).toEqual([made[2], made[1]]);
    expect(first.has_more).toBe(true);
    const next = await stripe.payouts.list({ limit: 2, starting_after: first.data[1]!.id }, options);
    expect(next.data.map((payout) => payout.id)).toEqual([made[0], made[-1]]);
    expect(next.has_more).toBe(false);

    const middle = await stripe.payouts.list({ created: { gte: start, lt: start + 2 * day } }, options);
    expect(middle.data.map((payout) => payout.id)).toEqual([made[1], made[0]]);
    expect((await stripe.payouts.list({ created: { gt: start + day } }, options)).data.map((payout) => payout.id)).toEqual([made[2]]);
    expect((await stripe.payouts.list({ created: { lte: start - day } }, options)).data.map((payout) => payout.id)).toEqual([made[-1]]);

    expect((await stripe.payouts.list({ status: "paid" }, options)).data).toHaveLength(4);
    expect((await stripe.payouts.list({ status: "pending" }, options)).data).toEqual([]);
    expect(await failure(stripe.payouts.list({ status: "done" }, options))).toMatchObject({ statusCode: 400, param: "status" });

    const expanded = await stripe.payouts.list({ limit: 1, expand: ["data.balance_transaction"] }, options);
    expect((expanded.data[0]!.balance_transaction as Stripe.BalanceTransaction).type).toBe("payout");
  });

  it("keeps payouts to their own account", async () => {
    const account = await readyAccount();
    await paidSession(account, "card");
    const payout = fake.payOut(account);
    const other = await readyAccount();

    expect((await stripe.payouts.list({}, { stripeAccount: other })).data).toEqual([]);
    expect((await stripe.payouts.list({}, { stripeAccount: account })).data.map((listed) => listed.id)).toEqual([payout.id]);
    const hidden = await failure(stripe.payouts.retrieve(payout.id, {}, { stripeAccount: other }));
    expect(hidden).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(hidden).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await failure(stripe.payouts.retrieve(payout.id))).toMatchObject({ statusCode: 404 });
    const byPayout = await failure(stripe.balanceTransactions.list({ payout: payout.id }, { stripeAccount: other }));
    expect(byPayout).toMatchObject({ statusCode: 400, code: "resource_missing", param: "payout" });
  });

  it("tells the webhook payout.paid after returning", async () => {
    const account = await readyAccount();
    await paidSession(account, "ideal");
    receiver.received.length = 0;

    const payout = fake.payOut(account);
    expect(receiver.received).toEqual([]);
    await fake.settled();
    expect(receiver.received).toHaveLength(1);
    const event = receiver.received[0]!;
    expect(event.type).toBe("payout.paid");
    expect(event.account).toBe(account);
    expect(event.data.object).toEqual(payout);
    expect(fake.deliveries.at(-1)).toEqual({ eventId: event.id, type: "payout.paid", status: 200 });
  });

  it("refuses to pay out an account without payouts, or with nothing new to pay out", async () => {
    const account = await readyAccount();
    expect(() => fake.payOut(account)).toThrow(/nothing to pay out/);
    await paidSession(account, "ideal");
    fake.updateAccount(account, { payouts_enabled: false });
    expect(() => fake.payOut(account)).toThrow(/payouts_enabled is false/);
    fake.updateAccount(account, { payouts_enabled: true });
    fake.payOut(account);
    expect(() => fake.payOut(account)).toThrow(/nothing to pay out/);
    expect(() => fake.payOut("acct_doesnotexist")).toThrow(/no account/);
    expect(fake.count("payout")).toBe(1);
  });
});

describe("idempotency", () => {
  it("replays a request with the same key unchanged and creates nothing new", async () => {
    const first = await stripe.accounts.create({ email: "a@wijk.example" }, { idempotencyKey: "account-for-tenant-1" });
    const second = await stripe.accounts.create({ email: "a@wijk.example" }, { idempotencyKey: "account-for-tenant-1" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(fake.count("account")).toBe(1);

    const error = await failure(stripe.accounts.create({ email: "b@wijk.example" }, { idempotencyKey: "account-for-tenant-1" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("scopes keys to the Stripe-Account header", async () => {
    const [one, two] = [await readyAccount(), await readyAccount()];
    const a = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: one, idempotencyKey: "order-7" });
    const b = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: two, idempotencyKey: "order-7" });
    const again = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: one, idempotencyKey: "order-7" });
    expect(b.id).not.toBe(a.id);
    expect(again.id).toBe(a.id);
    expect(fake.count("checkout.session")).toBe(2);
  });
});

describe("Stripe unavailable", () => {
  it("drops connections, so the SDK throws StripeConnectionError, until it is back", async () => {
    fake.setUnavailable(true);
    const error = await failure(stripe.accounts.create({}));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(fake.count("account")).toBe(0);

    fake.setUnavailable(false);
    expect((await stripe.accounts.create({})).object).toBe("account");
  });
});

describe("webhooks", () => {
  it("redelivers an event on request, as Stripe does when it retries", async () => {
    const account = await readyAccount();
    await pay(await openSession(account), "ideal");
    const event = fake.events[0]!;
    expect(await fake.deliver(event.id, 3)).toEqual([200, 200, 200]);
    expect(receiver.received.map((received) => received.id)).toEqual([event.id, event.id, event.id, event.id]);
    expect(fake.deliveries.map((delivery) => delivery.eventId)).toEqual([event.id, event.id, event.id, event.id]);
  });

  it("records a failing endpoint's status and still sends the customer on", async () => {
    receiver.status = 500;
    const account = await readyAccount();
    const response = await pay(await openSession(account), "ideal");
    expect(response.status).toBe(303);
    expect(fake.deliveries.map((delivery) => delivery.status)).toEqual([500]);

    fake.setWebhook("http://127.0.0.1:1/unreachable", SECRET);
    try {
      expect(await fake.deliver(fake.events[0]!.id)).toEqual([0]);
    } finally {
      fake.setWebhook(receiver.url, SECRET);
    }
  });

  it("builds signed events that constructEvent accepts, and whose tampering it detects", async () => {
    const { event, payload, header } = fake.signedEvent("account.updated", { id: "acct_x", object: "account" }, "acct_x");
    expect(Stripe.webhooks.constructEvent(payload, header, SECRET).id).toBe(event.id);
    expect(fake.events.map((recorded) => recorded.id)).toEqual([event.id]);
    expect(fake.deliveries).toEqual([]);

    const tampered = payload.replace("acct_x", "acct_y");
    expect(() => Stripe.webhooks.constructEvent(tampered, header, SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const posted = await fetch(receiver.url, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": header }, body: tampered });
    expect(posted.status).toBe(400);
    expect(receiver.received).toEqual([]);
  });
});

describe("reset", () => {
  it("forgets every object, event and delivery", async () => {
    const account = await readyAccount();
    await pay(await openSession(account), "ideal");
    fake.payOut(account);
    expect(fake.count("payout")).toBe(1);
    await fake.reset();
    expect(fake.events).toEqual([]);
    expect(fake.deliveries).toEqual([]);
    expect(fake.count("account")).toBe(0);
    expect(fake.count("payout")).toBe(0);
    expect(await failure(stripe.accounts.retrieve(account))).toMatchObject({ statusCode: 403 });
  });
});
