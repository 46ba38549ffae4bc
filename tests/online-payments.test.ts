import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { recordPayment } from "~/modules/kitchen/kitchen.server";
import { createOnlinePayments, type OnlinePayments } from "~/modules/payments/stripe.server";
import { handleStripeEvent } from "~/modules/payments/webhooks.server";
import { compareNeighbourhood } from "~/modules/payments/compare.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aHomeJob, aRepair, aReservation, aTool } from "./support/factories";
import { startFakeStripe, type FakeStripe } from "./support/fake-stripe";
import { ledgerOf } from "./support/ledger";
import { signedInAs, signedInAsPlatformAdmin, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let fake: FakeStripe;
let payments: OnlinePayments;
let server: TestServer;
let plainServer: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;
let volunteer: SignedIn;
let resident: SignedIn;
let otherCoordinator: SignedIn;
const db = () => tenantDb(database, wijk.id);
const log = pino({ level: "silent" });

/** Event ids the webhook handed to the "job queue"; the tests run them, in any order they like. */
let queued: string[] = [];
async function runQueue(order: "as received" | "reversed" = "as received") {
  const ids = order === "reversed" ? [...queued].reverse() : [...queued];
  queued = [];
  for (const id of ids) await handleStripeEvent(database, payments, id, `http://localhost:${server.port}/`, log);
}

const get = (pathname: string, who: SignedIn, tenant = wijk, on = server) => request(on.url(tenant.slug, pathname), { headers: { Cookie: who.cookie } });
const post = (pathname: string, body: Record<string, string>, who: SignedIn, tenant = wijk, on = server) => postForm(on.url(tenant.slug, pathname), body, who.cookie);
/** A form post to the fake's own pages (its checkout and onboarding), as the browser would. */
const postToFake = (url: string, body: Record<string, string>) => request(url, { method: "POST", body: new URLSearchParams(body).toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

/** The coordinator connects the neighbourhood's Stripe account and finishes Stripe's onboarding. */
async function connect(tenant: TenantRow, who: SignedIn) {
  const started = await post("/beheer/geld/stripe", {}, who, tenant);
  expect(started.status).toBe(303);
  const onboarding = started.headers.location!;
  expect(onboarding.startsWith(fake.url)).toBe(true);
  const done = await postToFake(onboarding, { scope: "full" });
  expect(done.status).toBe(303);
  return new URL(done.headers.location!).pathname + new URL(done.headers.location!).search;
}

/** A resident's reservation of a tool with a deposit of €10 and a fee of €2,50 (each test its own resident: they may have few loans open). */
async function aPaidReservation(who: SignedIn) {
  const toolId = await aTool(db(), { name: `Hogedrukreiniger ${uniqueSlug("")}`, deposit: "10", fee: "2,50" });
  return aReservation(db(), { toolId, memberId: who.member.id, start: localToday(), end: addDays(localToday(), 2) });
}

/** Starts paying for a loan through our page and pays on the fake's checkout page; returns the session id. */
async function payOnline(loanId: string, who: SignedIn, extra: Record<string, string> = {}) {
  const started = await post(`/betalen/loan/${loanId}`, extra, who);
  expect(started.status).toBe(303);
  const checkout = started.headers.location!;
  const sessionId = checkout.split("/").at(-1)!;
  const paid = await postToFake(checkout, { method: "ideal" });
  expect(paid.status).toBe(303);
  return { sessionId, receipt: new URL(paid.headers.location!).pathname };
}

beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeStripe();
  payments = createOnlinePayments({ secretKey: "sk_test_fake", webhookSecret: fake.webhookSecret, apiUrl: fake.url });
  server = await startTestServer(database, { online: { payments, queueEvent: async (id) => void queued.push(id) } });
  plainServer = await startTestServer(database);
  fake.setWebhook(`http://localhost:${server.port}/stripe/webhook`, fake.webhookSecret);
  wijk = await createTenant(database, { slug: uniqueSlug("steenwijk"), name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
  await db().updateTable("profile").set({ street: "Kerkstraat 12", postcode: "8331 AB", city: "Steenwijk" }).execute();
  coordinator = await signedInAs(database, server, wijk, "coordinator", "Cora Coördinator");
  volunteer = await signedInAs(database, server, wijk, "volunteer", "Vera Vrijwilliger");
  resident = await signedInAs(database, server, wijk, "resident", "Ruud Bewoner");
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await plainServer.close();
  await fake.close();
  await database.close();
});

describe("without Stripe settings", () => {
  it("no page mentions online payment, and its pages do not exist", async () => {
    const loanId = await aPaidReservation(resident);
    expect((await get("/beheer/geld/stripe", coordinator, wijk, plainServer)).status).toBe(404);
    expect((await get(`/betalen/loan/${loanId}`, resident, wijk, plainServer)).status).toBe(404);
    const loans = await get("/account/leningen", resident, wijk, plainServer);
    expect(loans.body).not.toContain("Online betalen");
    const money = await get("/beheer/geld", coordinator, wijk, plainServer);
    // What the page shows (not the data Remix hands the browser).
    expect(money.body.replace(/<script[\s\S]*?<\/script>/g, "")).not.toMatch(/online|Stripe/i);
    const webhook = await request(plainServer.url(null, "/stripe/webhook"), { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(webhook.status).not.toBe(200);
  });
});

describe("connecting a neighbourhood's Stripe account", () => {
  it("is not there until connected; after Stripe's onboarding it shows payments and payouts are possible", async () => {
    const before = await get("/beheer/geld/stripe", coordinator);
    expect(before.body).toContain("Nog niet gekoppeld.");
    expect((await get("/beheer/geld", coordinator)).body).toContain('href="/beheer/geld/stripe"');
    expect((await get("/beheer/geld/stripe", volunteer)).status).toBe(403);
    // Residents see no online payment while the account cannot take payments.
    const loanId = await aPaidReservation(resident);
    expect((await get("/account/leningen", resident)).body).not.toContain("Online betalen");
    expect((await get(`/betalen/loan/${loanId}`, resident)).status).toBe(404);

    const back = await connect(wijk, coordinator);
    expect(back).toBe("/beheer/geld/stripe?terug=1");
    expect((await get(back, coordinator)).body).toContain("Online betalen kan, en Stripe betaalt uit op jullie rekening.");
    // Connecting twice (a double click, or coming back later) makes no second account.
    await post("/beheer/geld/stripe", {}, coordinator);
    expect(fake.count("account")).toBe(1);
    // Stripe's account.updated event is kept once and changes only the account it names.
    await runQueue();
    const row = await platformDb(database).selectFrom("stripe_accounts").selectAll().where("tenant_id", "=", wijk.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true, application_fee_bps: 0 });
    await connect(other, otherCoordinator);
    await runQueue();
  });
});

describe("a resident pays a loan's deposit and fee online", () => {
  it("pays what the tool asks (a tampered amount is ignored), gets a receipt and an email, and the desk sees it paid", async () => {
    const loanId = await aPaidReservation(resident);
    const loans = await get("/account/leningen", resident);
    expect(loans.body).toContain(`href="/betalen/loan/${loanId}"`);
    const page = await get(`/betalen/loan/${loanId}`, resident);
    expect(page.body).toContain("€\u00a012,50");

    const { sessionId, receipt } = await payOnline(loanId, resident, { amount: "1", total_cents: "1", unit_amount: "1" });
    const session = await fake.stripe().checkout.sessions.retrieve(sessionId, {}, { stripeAccount: (await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", wijk.id).executeTakeFirstOrThrow()).account_id });
    expect(session.amount_total).toBe(1250);
    expect(session.locale).toBe("nl");

    await runQueue("reversed");
    const entries = await db().selectFrom("ledger_entries").select(["purpose", "kind", "method", "amount_cents", "stripe_fee_cents"]).where("record_id", "=", loanId).orderBy("purpose").execute();
    expect(entries).toEqual([
      { purpose: "deposit", kind: "payment", method: "online", amount_cents: 1000, stripe_fee_cents: 29 },
      { purpose: "fee", kind: "payment", method: "online", amount_cents: 250, stripe_fee_cents: null },
    ]);
    expect(receipt).toBe(`/betalen/bon/${sessionId}`);
    const shown = await get(receipt, resident);
    expect(shown.body).toContain("Betaald. Dank je wel!");
    expect(shown.body).toContain("Wijkwerkplaats Steenwijk-West\nKerkstraat 12\n8331 AB Steenwijk");
    const mail = await platformDb(database).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", resident.email).where("subject", "like", "Betaalbewijs%").execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("Bedrag: €\u00a012,50");
    expect(mail[0]!.body).toContain("Kerkstraat 12, 8331 AB Steenwijk");
    // Nothing is left to pay, and someone else's receipt is not theirs to see.
    expect((await get(`/betalen/loan/${loanId}`, resident)).body).toContain("Hier hoeft niets (meer) voor betaald te worden.");
    expect((await get(receipt, volunteer)).status).toBe(404);

    // At the desk the tool goes out without asking for the deposit and fee again.
    const desk = await get(`/balie/lening/${loanId}`, volunteer);
    expect(desk.body).toContain("al online betaald");
    const handedOut = await post(`/balie/lening/${loanId}`, { intent: "checkOut", conditionOut: "" }, volunteer);
    expect(handedOut.status).toBeLessThan(400);
    expect((await db().selectFrom("loans").select("status").where("id", "=", loanId).executeTakeFirstOrThrow()).status).toBe("on_loan");
    expect(await ledgerOf(db(), loanId)).toHaveLength(2);
  });

  it("the same event delivered five times, and twice at once, pays once", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    const { sessionId } = await payOnline(loanId, payer);
    const event = fake.events.find((e) => e.type === "checkout.session.completed" && (e.data.object as { id: string }).id === sessionId)!;
    expect(await fake.deliver(event.id, 5)).toEqual([200, 200, 200, 200, 200]);
    await Promise.all([fake.deliver(event.id), fake.deliver(event.id)]);
    expect(queued.filter((id) => id === event.id)).toHaveLength(1);
    await runQueue();
    // Handled again (a job retried) it changes nothing either.
    await handleStripeEvent(database, payments, event.id, `http://localhost:${server.port}/`, log);
    expect(await ledgerOf(db(), loanId)).toHaveLength(2);
    expect(await platformDb(database).selectFrom("stripe_events").select("id").where("id", "=", event.id).execute()).toHaveLength(1);
    const mails = await platformDb(database).selectFrom("outbox").select("id").where("to_address", "=", payer.email).where("body", "like", `%${sessionId}%`).execute();
    expect(mails).toHaveLength(1);
  });

  it("refuses an event with a bad signature with 400 and keeps nothing", async () => {
    const { event, payload } = fake.signedEvent("checkout.session.completed", { id: "cs_test_forged", object: "checkout.session", payment_status: "paid", payment_intent: "pi_forged" }, "acct_forged");
    const forged = `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`;
    const res = await request(server.url(null, "/stripe/webhook"), { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": forged } });
    expect(res.status).toBe(400);
    const unsigned = await request(server.url(null, "/stripe/webhook"), { method: "POST", body: payload, headers: { "Content-Type": "application/json" } });
    expect(unsigned.status).toBe(400);
    expect(await platformDb(database).selectFrom("stripe_events").select("id").where("id", "=", event.id).execute()).toEqual([]);
    // The webhook lives on the platform's domain, not on a neighbourhood's.
    const onNeighbourhood = await request(server.url(wijk.slug, "/stripe/webhook"), { method: "POST", body: payload, headers: { "Content-Type": "application/json" } });
    expect(onNeighbourhood.status).not.toBe(200);
  });

  it("an event naming another neighbourhood's account cannot pay this neighbourhood's session", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    const started = await post(`/betalen/loan/${loanId}`, {}, payer);
    const sessionId = started.headers.location!.split("/").at(-1)!;
    const theirs = await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", other.id).executeTakeFirstOrThrow();
    const { payload, header } = fake.signedEvent("checkout.session.completed", { id: sessionId, object: "checkout.session", payment_status: "paid", payment_intent: "pi_elsewhere" }, theirs.account_id);
    const res = await request(server.url(null, "/stripe/webhook"), { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": header } });
    expect(res.status).toBe(200);
    await runQueue();
    expect(await ledgerOf(db(), loanId)).toEqual([]);
    expect(await ledgerOf(tenantDb(database, other.id), loanId)).toEqual([]);
    expect((await db().selectFrom("checkout_sessions").select("status").where("id", "=", sessionId).executeTakeFirstOrThrow()).status).toBe("open");
  });
});

describe("other records pay through the same interface", () => {
  it("a finished repair's contribution left to pay later is paid online, and the desk no longer asks for it", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const change = { actor: coordinator.member.id, tenant: { id: wijk.id, name: wijk.name }, siteUrl: server.url(wijk.slug) };
    const { repairId } = await aRepair(db(), change, { memberId: payer.member.id, until: "done", close: { contribution: "7,50", payment: "later" } });
    const desk = await get(`/balie/reparaties/${repairId}`, volunteer);
    expect(desk.body).toContain("De bewoner moet nog €\u00a07,50 betalen.");
    const mine = await get(`/reparaties/${repairId}`, payer);
    expect(mine.body).toContain("nog niet betaald");
    expect(mine.body).toContain(`href="/betalen/repair/${repairId}"`);

    const started = await post(`/betalen/repair/${repairId}`, {}, payer);
    const checkout = started.headers.location!;
    expect((await postToFake(checkout, { method: "card" })).status).toBe(303);
    await runQueue();
    expect(await ledgerOf(db(), repairId)).toEqual([{ purpose: "contribution", kind: "payment", method: "online", amount_cents: 750, reason: null }]);
    expect((await get(`/reparaties/${repairId}`, payer)).body).toContain("online betaald");
    expect((await get(`/balie/reparaties/${repairId}`, volunteer)).body).not.toContain("De bewoner moet nog");
    // Settling it at the desk as well is refused.
    const twice = await post(`/balie/reparaties/${repairId}`, { intent: "settle", payment: "cash" }, volunteer);
    expect(twice.body).toContain("De bijdrage is al betaald of hoeft niet.");
    // Another resident cannot pay (or see) it.
    expect((await get(`/betalen/repair/${repairId}`, resident)).body).toContain("Hier hoeft niets (meer) voor betaald te worden.");
  });

  it("a home job's accepted estimate is paid online, and completing the job then asks for no money", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const notify = { tenantId: wijk.id, tenantName: wijk.name, siteUrl: server.url(wijk.slug) };
    const { jobId } = await aHomeJob(db(), notify, { requester: payer.member, coordinator: coordinator.member.id, until: "scheduled", estimate: "18,00" });
    expect((await get(`/klussen/${jobId}`, payer)).body).toContain(`href="/betalen/home_job/${jobId}"`);
    const started = await post(`/betalen/home_job/${jobId}`, {}, payer);
    expect((await postToFake(started.headers.location!, { method: "ideal" })).status).toBe(303);
    await runQueue();
    expect(await ledgerOf(db(), jobId)).toEqual([{ purpose: "contribution", kind: "payment", method: "online", amount_cents: 1800, reason: null }]);
    // Cash at completion would be paying twice: refused, in words.
    const cash = await post(`/beheer/klussen/${jobId}`, { intent: "complete", seen: "scheduled", materials: "18", payment: "cash" }, coordinator);
    expect(cash.body).toContain("De bewoner heeft deze klus al online betaald.");
    const done = await post(`/beheer/klussen/${jobId}`, { intent: "complete", seen: "scheduled", materials: "18", payment: "online" }, coordinator);
    expect(done.body).toContain("Opgeslagen.");
    expect(await ledgerOf(db(), jobId)).toHaveLength(1);
    expect((await get(`/beheer/klussen/${jobId}`, coordinator)).body).toContain("Online betaald (de prijsopgave)");
  });

  it("a place at a meal is paid online at its price for the person and their guest, and the kitchen desk sees it paid", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const day = addDays(localToday(), 3);
    const meal = await createActivity(db(), { title: "Soep op vrijdag", kind: "meal", capacity: 20, price: 350, schedule: { firstDay: day, start: "17:30", end: "19:00", frequency: "once", untilDay: undefined } }, coordinator.member.id);
    const signedUp = await signUp(db(), { dateId: meal.dateIds[0]!, memberId: payer.member.id, guests: 1 });
    if (!signedUp.ok) throw new Error(signedUp.error);
    const agenda = await get("/account/agenda", payer);
    expect(agenda.body).toContain(`href="/betalen/activity_signup/${signedUp.signupId}"`);
    expect((await get(`/betalen/activity_signup/${signedUp.signupId}`, payer)).body).toContain("€\u00a07,00");
    const started = await post(`/betalen/activity_signup/${signedUp.signupId}`, {}, payer);
    expect((await postToFake(started.headers.location!, { method: "ideal" })).status).toBe(303);
    await runQueue();
    const entries = await db().selectFrom("ledger_entries").select(["module", "purpose", "method", "amount_cents", "description"]).where("record_id", "=", signedUp.signupId).execute();
    expect(entries).toEqual([{ module: "kitchen", purpose: "meal", method: "online", amount_cents: 700, description: `Maaltijd ${day.split("-").reverse().join("-")}: Soep op vrijdag` }]);
    // The kitchen's desk cannot take money for it again.
    const again = await recordPayment(db(), { signupId: signedUp.signupId, choice: "waived", method: "waived" }, coordinator.member.id);
    expect(again).toEqual({ ok: false, error: "kitchen_payment_already_recorded" });
  });
});

describe("the platform's fee", () => {
  it("is 0 unless a platform admin sets it for a neighbourhood; then each payment carries it as the application fee", async () => {
    const admin = await signedInAsPlatformAdmin(database, server);
    const adminPost = (body: Record<string, string>) => postForm(server.url(null, "/admin"), body, admin.cookie);
    expect((await request(server.url(null, "/admin"), { headers: { Cookie: admin.cookie } })).body).toContain("Wijkwerkplaats Steenwijk-West: 0%");
    const wrong = await adminPost({ intent: "fee", neighbourhood: wijk.slug, percent: "12" });
    expect(wrong.body).toContain("Vul een percentage in van 0 tot 10, zoals 1,5.");
    expect((await adminPost({ intent: "fee", neighbourhood: wijk.slug, percent: "1,5" })).body).toContain("De platformbijdrage is opgeslagen.");
    // Without Stripe settings the admin page does not mention it.
    expect((await request(plainServer.url(null, "/admin"), { headers: { Cookie: admin.cookie } })).body).not.toContain("Platformbijdrage");

    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    const started = await post(`/betalen/loan/${loanId}`, {}, payer);
    const sessionId = started.headers.location!.split("/").at(-1)!;
    await postToFake(started.headers.location!, { method: "ideal" });
    const account = (await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", wijk.id).executeTakeFirstOrThrow()).account_id;
    const session = await fake.stripe().checkout.sessions.retrieve(sessionId, {}, { stripeAccount: account });
    const intent = await fake.stripe().paymentIntents.retrieve(session.payment_intent as string, {}, { stripeAccount: account });
    expect(intent.application_fee_amount).toBe(19);
    await runQueue();
    await adminPost({ intent: "fee", neighbourhood: wijk.slug, percent: "0" });
  });
});

describe("refunds and Stripe being away", () => {
  it("a coordinator gives back part of an online payment through Stripe, once", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    await payOnline(loanId, payer);
    await runQueue();
    const deposit = await db().selectFrom("ledger_entries").select("id").where("record_id", "=", loanId).where("purpose", "=", "deposit").executeTakeFirstOrThrow();
    const before = fake.count("refund");
    const done = await post(`/beheer/geld/terugbetalen/${deposit.id}`, { amount: "10", reason: "Borg terug, gereedschap heel" }, coordinator);
    expect(done.body).toContain("€\u00a010,00 teruggegeven.");
    expect(fake.count("refund")).toBe(before + 1);
    const refund = await db().selectFrom("ledger_entries").select(["method", "amount_cents", "stripe_refund"]).where("record_id", "=", loanId).where("kind", "=", "refund").execute();
    expect(refund).toEqual([{ method: "online", amount_cents: 1000, stripe_refund: expect.stringMatching(/^re_/) }]);
    const again = await post(`/beheer/geld/terugbetalen/${deposit.id}`, { amount: "1", reason: "Nog eens" }, coordinator);
    expect(again.body).toContain("Je kunt niet meer teruggeven dan er betaald is.");
    expect(fake.count("refund")).toBe(before + 1);
  });

  it("a deposit paid online goes back online when the desk takes the tool back undamaged; with Stripe away the tool still comes back", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    await payOnline(loanId, payer);
    await runQueue();
    await post(`/balie/lening/${loanId}`, { intent: "checkOut", conditionOut: "" }, volunteer);
    expect((await get(`/balie/lening/${loanId}`, volunteer)).body).toContain("Borg teruggeven (gaat online terug naar de bewoner)");
    const before = fake.count("refund");
    const back = await post(`/balie/lening/${loanId}`, { intent: "checkIn", conditionIn: "", depositReturned: "ja" }, volunteer);
    expect(back.status).toBe(200);
    expect(fake.count("refund")).toBe(before + 1);
    expect((await ledgerOf(db(), loanId)).filter((row) => row.kind === "refund")).toEqual([{ purpose: "deposit", kind: "refund", method: "online", amount_cents: 1000, reason: "Borg terug bij inleveren" }]);

    const other = await signedInAs(database, server, wijk, "resident");
    const second = await aPaidReservation(other);
    await payOnline(second, other);
    await runQueue();
    await post(`/balie/lening/${second}`, { intent: "checkOut", conditionOut: "" }, volunteer);
    fake.setUnavailable(true);
    try {
      const away = await post(`/balie/lening/${second}`, { intent: "checkIn", conditionIn: "", depositReturned: "ja" }, volunteer);
      expect(away.status).toBe(200);
      expect(away.body).toContain("de borg kon nu niet online worden teruggegeven");
      expect((await db().selectFrom("loans").select("status").where("id", "=", second).executeTakeFirstOrThrow()).status).toBe("returned");
      expect((await ledgerOf(db(), second)).filter((row) => row.kind === "refund")).toEqual([]);
    } finally {
      fake.setUnavailable(false);
    }
  });

  it("when Stripe cannot be reached, paying online says so plainly and the desk still takes cash", async () => {
    const payer = await signedInAs(database, server, wijk, "resident");
    const loanId = await aPaidReservation(payer);
    fake.setUnavailable(true);
    try {
      const attempt = await post(`/betalen/loan/${loanId}`, {}, payer);
      expect(attempt.status).toBe(200);
      expect(attempt.body).toContain("De betaalpagina is nu niet bereikbaar.");
      const desk = await post(`/balie/lening/${loanId}`, { intent: "checkOut", conditionOut: "", deposit: "cash", fee: "cash" }, volunteer);
      expect(desk.status).toBeLessThan(400);
      expect((await ledgerOf(db(), loanId)).map((row) => row.method)).toEqual(["cash", "cash"]);
    } finally {
      fake.setUnavailable(false);
    }
  });
});

describe("the nightly comparison with Stripe", () => {
  it("finds nothing when the books and Stripe agree, and lists a payment only Stripe has and one only the books have", async () => {
    const tomorrow = addDays(localToday(), 1);
    const agree = await compareNeighbourhood(database, payments, wijk.id, tomorrow);
    expect(agree).toEqual([]);
    expect((await get("/beheer/geld/stripe", coordinator)).body).toContain("klopt alles");

    // A payment on the neighbourhood's account that did not come through Wijkplaats.
    const account = (await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", wijk.id).executeTakeFirstOrThrow()).account_id;
    const elsewhere = await fake.stripe().checkout.sessions.create(
      { mode: "payment", line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 999, product_data: { name: "Iets anders" } } }], success_url: "http://example.org/ok", cancel_url: "http://example.org/nee" },
      { stripeAccount: account },
    );
    expect((await postToFake(elsewhere.url!, { method: "ideal" })).status).toBe(303);
    await runQueue();
    const paidElsewhere = (await fake.stripe().checkout.sessions.retrieve(elsewhere.id, {}, { stripeAccount: account })).payment_intent as string;
    // A line in the books that Stripe never saw.
    await db().insertInto("ledger_entries").values({ module: "tool_library", record_type: "loan", record_id: crypto.randomUUID(), purpose: "fee", kind: "payment", method: "online", amount_cents: 123, description: "Lening 99: Spook", stripe_payment_intent: "pi_ghost" }).execute();

    const differ = await compareNeighbourhood(database, payments, wijk.id, tomorrow);
    expect(differ).toEqual(
      expect.arrayContaining([
        { kind: "not_in_books", reference: paidElsewhere, stripeCents: 999, ledgerCents: null },
        { kind: "not_at_stripe", reference: "pi_ghost", stripeCents: null, ledgerCents: 123 },
      ]),
    );
    expect(differ).toHaveLength(2);
    const page = await get("/beheer/geld/stripe", coordinator);
    expect(page.body).toContain("Staat bij Stripe, niet in het kasboek");
    expect(page.body).toContain("pi_ghost");
    // Another neighbourhood's report is its own.
    expect((await get("/beheer/geld/stripe", otherCoordinator, other)).body).not.toContain("pi_ghost");
  });
});

describe("payouts", () => {
  it("note in the books which payout took each online payment and refund, for the bookkeeper's CSV", async () => {
    const account = (await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", wijk.id).executeTakeFirstOrThrow()).account_id;
    const payout = fake.payOut(account);
    await fake.settled();
    expect(queued.length).toBeGreaterThan(0);
    await runQueue();
    const online = await db().selectFrom("ledger_entries").select(["stripe_payment_intent", "stripe_refund", "stripe_payout"]).where("method", "=", "online").execute();
    const atStripe = online.filter((row) => row.stripe_payment_intent !== "pi_ghost" && row.stripe_payment_intent !== "pi_tarief");
    expect(atStripe.length).toBeGreaterThan(5);
    expect(atStripe.every((row) => row.stripe_payout === payout.id)).toBe(true);
    expect(online.find((row) => row.stripe_payment_intent === "pi_ghost")?.stripe_payout).toBeNull();
    const csv = await get(`/beheer/geld.csv?maand=${localToday().slice(0, 7)}`, coordinator);
    expect(csv.body).toContain(`,${payout.id},`);
    // Another neighbourhood's payouts are its own.
    const theirs = (await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", other.id).executeTakeFirstOrThrow()).account_id;
    expect(() => fake.payOut(theirs)).toThrow();
    expect(await tenantDb(database, other.id).selectFrom("ledger_entries").select("id").where("stripe_payout", "=", payout.id).execute()).toEqual([]);
  });
});
