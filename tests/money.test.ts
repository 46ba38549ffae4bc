import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { settleAtDesk, type AmountDue } from "~/modules/payments/ledger.server";
import { csvColumns, refundPayment } from "~/modules/payments/money.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aRepair } from "./support/factories";
import { ledgerOf } from "./support/ledger";
import { signedInAs, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;
let volunteer: SignedIn;
let resident: SignedIn;
let otherCoordinator: SignedIn;
const db = () => tenantDb(database, wijk.id);
const today = localToday();
const thisMonth = today.slice(0, 7);

const get = (pathname: string, who: SignedIn, tenant = wijk) => request(server.url(tenant.slug, pathname), { headers: { Cookie: who.cookie } });
const post = (pathname: string, body: Record<string, string>, who: SignedIn, tenant = wijk) => postForm(server.url(tenant.slug, pathname), body, who.cookie);

/** A cash payment (or waiver) at the desk, for a record of its own; returns the record's id. */
async function paid(amountCents: number, how: "cash" | "waived" = "cash", overrides: Partial<AmountDue> = {}) {
  const due: AmountDue = { module: "repairs", recordType: "repair", recordId: crypto.randomUUID(), purpose: "contribution", amountCents, description: `Reparatie ${amountCents}`, memberId: null, ...overrides };
  await settleAtDesk(db(), due, how, how === "waived" ? "In overleg met de coördinator" : null, coordinator.member.id);
  return due.recordId;
}
const paymentEntry = async (recordId: string) =>
  (await db().selectFrom("ledger_entries").select("id").where("record_id", "=", recordId).where("kind", "=", "payment").executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("steenwijk"), name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
  coordinator = await signedInAs(database, server, wijk, "coordinator", "Cora Coördinator");
  volunteer = await signedInAs(database, server, wijk, "volunteer", "Vera Vrijwilliger");
  resident = await signedInAs(database, server, wijk, "resident", "Ruud Bewoner");
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the coordinators' money page", () => {
  it("shows this month's totals per part and every entry, and only to coordinators", async () => {
    await paid(450);
    await paid(2500, "cash", { module: "tool_library", recordType: "loan", purpose: "deposit", description: "Lening 3: Ladder" });
    await paid(300, "waived");
    const page = await get("/beheer/geld", coordinator);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Lening 3: Ladder (borg)");
    expect(page.body).toContain("In overleg met de coördinator");
    expect(page.body).toContain('<th scope="row">Gereedschap lenen</th><td data-label="Contant">€\u00a025,00</td>');
    expect(page.body).toContain('href="/beheer/geld.csv?maand=' + thisMonth + '"');
    for (const who of [volunteer, resident]) expect((await get("/beheer/geld", who)).status).toBe(403);
    expect((await get("/beheer/geld.csv", volunteer)).status).toBe(403);
    // Reached from the coordinators' index page, not only by its address.
    expect((await get("/beheer", coordinator)).body).toContain('href="/beheer/geld"');
  });

  it("ignores a month that is not one, and shows an empty month plainly", async () => {
    expect((await get("/beheer/geld?maand=2026-13", coordinator)).status).toBe(200);
    const empty = await get("/beheer/geld?maand=2001-02", coordinator);
    expect(empty.status).toBe(200);
    expect(empty.body).toContain("In deze maand is niets genoteerd.");
  });

  it("gives the bookkeeper a CSV of the month: a refund is negative, a waiver moves nothing", async () => {
    const record = await paid(1250, "cash", { description: "Reparatie 77" });
    await refundPayment(db(), { entryId: await paymentEntry(record), amount: 250, reason: "Onderdeel was goedkoper" }, coordinator.member.id, null);
    await paid(600, "waived", { description: "Reparatie 78" });
    const csv = await get(`/beheer/geld.csv?maand=${thisMonth}`, coordinator);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(csvColumns.join(","));
    expect(lines).toContain(`${today},Reparaties,Reparatie 77,betaald,contant,"12,50","0,00","12,50",,`);
    expect(lines).toContain(`${today},Reparaties,Reparatie 77,terugbetaald,contant,"-2,50","0,00","-2,50",,Onderdeel was goedkoper`);
    expect(lines).toContain(`${today},Reparaties,Reparatie 78,kwijtgescholden,,"0,00","0,00","0,00",,"6,00 kwijtgescholden: In overleg met de coördinator"`);
    // Another neighbourhood's books hold none of it.
    const theirs = await get(`/beheer/geld.csv?maand=${thisMonth}`, otherCoordinator, other);
    expect(theirs.body.trim().split("\r\n")).toEqual([csvColumns.join(",")]);
  });
});

describe("refunds", () => {
  it("gives back part of a cash payment with a reason, never more than was paid, and says so in Dutch", async () => {
    const record = await paid(2000);
    const entry = await paymentEntry(record);
    const page = await get(`/beheer/geld/terugbetalen/${entry}`, coordinator);
    expect(page.body).toContain("Nog terug te geven: €\u00a020,00");

    const noReason = await post(`/beheer/geld/terugbetalen/${entry}`, { amount: "5", reason: "" }, coordinator);
    expect(noReason.body).toContain("Schrijf de reden op.");
    expect(noReason.body).toContain('value="5"');
    const tooMuch = await post(`/beheer/geld/terugbetalen/${entry}`, { amount: "25,00", reason: "Vergissing" }, coordinator);
    expect(tooMuch.body).toContain("Je kunt niet meer teruggeven dan er betaald is.");
    expect(tooMuch.body).toContain('value="Vergissing"');
    // The form cannot name another payment: the address does.
    const done = await post(`/beheer/geld/terugbetalen/${entry}`, { amount: "5", reason: "Vergissing", entryId: crypto.randomUUID() }, coordinator);
    expect(done.body).toContain("€\u00a05,00 teruggegeven.");
    expect(await ledgerOf(db(), record)).toEqual([
      { purpose: "contribution", kind: "payment", method: "cash", amount_cents: 2000, reason: null },
      { purpose: "contribution", kind: "refund", method: "cash", amount_cents: 500, reason: "Vergissing" },
    ]);
    expect((await get(`/beheer/geld/terugbetalen/${entry}`, coordinator)).body).toContain("Nog terug te geven: €\u00a015,00");
  });

  it("lets two coordinators refunding the rest at the same moment give it back once", async () => {
    const record = await paid(1000);
    const entry = await paymentEntry(record);
    const results = await Promise.all([1, 2, 3].map(() => refundPayment(db(), { entryId: entry, amount: 1000, reason: "Dubbel" }, coordinator.member.id, null)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await ledgerOf(db(), record)).filter((row) => row.kind === "refund")).toHaveLength(1);
  });

  it("is not for the desk, and another neighbourhood's coordinator cannot find or refund the payment", async () => {
    const entry = await paymentEntry(await paid(700));
    expect((await get(`/beheer/geld/terugbetalen/${entry}`, volunteer)).status).toBe(403);
    expect((await get(`/beheer/geld/terugbetalen/${entry}`, otherCoordinator, other)).status).toBe(404);
    const attempt = await post(`/beheer/geld/terugbetalen/${entry}`, { amount: "7", reason: "Grapje" }, otherCoordinator, other);
    expect(attempt.status).toBe(404);
    expect((await db().selectFrom("ledger_entries").select("id").where("kind", "=", "refund").where("reason", "=", "Grapje").execute())).toEqual([]);
  });
});

describe("the desk's cash count", () => {
  it("expects today's cash in minus cash given back, asks for a note when it differs, and closes a day once", async () => {
    const page = await get("/balie/kas", volunteer);
    expect(page.status).toBe(200);
    const before = Number(/Dit hoort erin te zitten \(van die dag\): <strong>€\s([\d.]+),(\d\d)/.exec(page.body)!.slice(1).join("").replace(".", ""));
    const record = await paid(1500);
    await refundPayment(db(), { entryId: await paymentEntry(record), amount: 500, reason: "Te veel gerekend" }, coordinator.member.id, null);
    await paid(900, "waived");
    const expected = before + 1000;
    const shown = await get("/balie/kas", volunteer);
    expect(shown.body).toContain(`<strong>€\u00a0${(expected / 100).toFixed(2).replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, ".")}</strong>`);

    const counted = ((expected - 200) / 100).toFixed(2).replace(".", ",");
    // The expected amount is never taken from the form.
    const noNote = await post("/balie/kas", { day: today, counted, expected: "0" }, volunteer);
    expect(noNote.body).toContain("Het klopt niet. Schrijf op wat je denkt dat er gebeurd is.");
    expect(noNote.body).toContain(`value="${counted}"`);
    const closed = await post("/balie/kas", { day: today, counted, note: "Twee euro wisselgeld gegeven" }, volunteer);
    expect(closed.body).toContain("De dag is afgesloten. Verschil: €\u00a0-2,00.");
    const again = await post("/balie/kas", { day: today, counted: "0", note: "Nog eens" }, volunteer);
    expect(again.body).toContain("Deze dag is al afgesloten.");
    const counts = await db().selectFrom("cash_counts").select(["expected_cents", "counted_cents", "note"]).execute();
    expect(counts).toEqual([{ expected_cents: expected, counted_cents: expected - 200, note: "Twee euro wisselgeld gegeven" }]);
    expect((await get("/balie/kas", volunteer)).body).toContain("Twee euro wisselgeld gegeven");
  });

  it("refuses a day still to come, and is not for residents nor another neighbourhood", async () => {
    const future = await post("/balie/kas", { day: addDays(today, 1), counted: "0" }, volunteer);
    expect(future.body).toContain("Deze dag is nog niet geweest.");
    expect((await get("/balie/kas", resident)).status).toBe(403);
    expect((await get("/balie", volunteer)).body).toContain('href="/balie/kas"');
    // Another neighbourhood's desk counts its own box: nothing of this one is expected there.
    const theirs = await get("/balie/kas", otherCoordinator, other);
    expect(theirs.body).toContain("<strong>€\u00a00,00</strong>");
  });
});

describe("a repair's contribution paid later", () => {
  it("the desk takes it in cash when the resident collects, or lets it go with a reason, once", async () => {
    const change = { actor: coordinator.member.id, tenant: { id: wijk.id, name: wijk.name }, siteUrl: server.url(wijk.slug) };
    const { repairId } = await aRepair(db(), change, { memberId: resident.member.id, until: "done", close: { contribution: "6", payment: "later" } });
    expect(await ledgerOf(db(), repairId)).toEqual([]);
    const page = await get(`/balie/reparaties/${repairId}`, volunteer);
    expect(page.body).toContain("De bewoner moet nog €\u00a06,00 betalen.");
    const noReason = await post(`/balie/reparaties/${repairId}`, { intent: "settle", payment: "waived", waivedReason: "" }, volunteer);
    expect(noReason.body).toContain("Schrijf de reden op.");
    const paid = await post(`/balie/reparaties/${repairId}`, { intent: "settle", payment: "cash" }, volunteer);
    expect(paid.body).toContain("De betaling is opgeslagen.");
    expect(await ledgerOf(db(), repairId)).toEqual([{ purpose: "contribution", kind: "payment", method: "cash", amount_cents: 600, reason: null }]);
    const again = await post(`/balie/reparaties/${repairId}`, { intent: "settle", payment: "cash" }, volunteer);
    expect(again.body).toContain("De bijdrage is al betaald of hoeft niet.");
    expect(await ledgerOf(db(), repairId)).toHaveLength(1);
    // Without Stripe settings the resident's own page offers no online payment.
    expect((await get(`/reparaties/${repairId}`, resident)).body).not.toContain("Online betalen");
  });
});
