import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { amountsDue, recordCheckoutPaid } from "~/modules/payments/checkout.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember, aRepair, aReservation, aTool } from "./support/factories";
import { ledgerOf } from "./support/ledger";
import { signedInAs, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;
let volunteer: SignedIn;
let otherCoordinator: SignedIn;
const db = () => tenantDb(database, wijk.id);
const today = localToday();

const get = (pathname: string, who: SignedIn, tenant = wijk) => request(server.url(tenant.slug, pathname), { headers: { Cookie: who.cookie } });
const post = (pathname: string, body: Record<string, string>, who: SignedIn, tenant = wijk) => postForm(server.url(tenant.slug, pathname), body, who.cookie);

const REASON = "Afgesproken met de schuldhulpverlening";

/** A person with a reservation of a tool asking a €10 deposit and a €2,50 fee. */
async function aBorrower(name: string) {
  const person = await aMember(db(), { name });
  const toolId = await aTool(db(), { name: `Ladder ${uniqueSlug("")}`, deposit: "10", fee: "2,50" });
  const loanId = await aReservation(db(), { toolId, memberId: person.id, start: today, end: addDays(today, 2) });
  return { person, loanId };
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("lindenholt"), name: "Wijkwerkplaats Lindenholt" }, seedNeighbourhood({ city: "Nijmegen" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
  coordinator = await signedInAs(database, server, wijk, "coordinator", "Cora Coördinator");
  volunteer = await signedInAs(database, server, wijk, "volunteer", "Vera Vrijwilliger");
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("a reduced tariff", () => {
  it("is given by a coordinator with a share, a reason and an end date, and only coordinators see it", async () => {
    const { person } = await aBorrower("Ans Aarts");
    const missing = await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "", reason: REASON, endsOn: addDays(today, 90) }, coordinator);
    expect(missing.body).toContain("Kies hoeveel deze persoon betaalt.");
    expect(missing.body).toContain(`value="${REASON}"`);
    const past = await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "50", reason: REASON, endsOn: addDays(today, -1) }, coordinator);
    expect(past.body).toContain("Deze datum is al voorbij.");
    const saved = await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "50", reason: REASON, endsOn: addDays(today, 90) }, coordinator);
    expect(saved.body).toContain("Het tarief is opgeslagen.");
    const page = await get("/beheer/geld/tarieven", coordinator);
    expect(page.body).toContain("Ans Aarts");
    expect(page.body).toContain("De helft (50%)");
    expect((await get("/beheer/geld", coordinator)).body).toContain('href="/beheer/geld/tarieven"');
    expect((await get("/beheer/geld/tarieven", volunteer)).status).toBe(403);
    // Another neighbourhood's coordinator cannot give (or see) a tariff for this neighbourhood's person.
    const elsewhere = await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "0", reason: "Grapje", endsOn: addDays(today, 30) }, otherCoordinator, other);
    expect(elsewhere.body).toContain("Deze persoon kennen we niet.");
    expect((await get("/beheer/geld/tarieven", otherCoordinator, other)).body).not.toContain("Ans Aarts");
    expect(await db().selectFrom("tariffs").select(["pays_percent", "reason"]).where("member_id", "=", person.id).execute()).toEqual([{ pays_percent: 50, reason: REASON }]);
  });

  it("lowers what the desk asks at hand-out, and the ledger keeps the rest as waived with a reason the desk does not see", async () => {
    const { person, loanId } = await aBorrower("Bert Bakker");
    await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "50", reason: REASON, endsOn: addDays(today, 90) }, coordinator);
    const desk = await get(`/balie/lening/${loanId}`, volunteer);
    expect(desk.body).toContain("€\u00a05,00");
    expect(desk.body).toContain("€\u00a01,25");
    expect(desk.body).not.toContain("€\u00a010,00");
    const out = await post(`/balie/lening/${loanId}`, { intent: "checkOut", conditionOut: "", deposit: "cash", fee: "cash" }, volunteer);
    expect(out.status).toBeLessThan(400);
    expect(await ledgerOf(db(), loanId)).toEqual(
      expect.arrayContaining([
        { purpose: "deposit", kind: "payment", method: "cash", amount_cents: 500, reason: null },
        { purpose: "deposit", kind: "waiver", method: null, amount_cents: 500, reason: `Verlaagd tarief: ${REASON}` },
        { purpose: "fee", kind: "payment", method: "cash", amount_cents: 125, reason: null },
        { purpose: "fee", kind: "waiver", method: null, amount_cents: 125, reason: `Verlaagd tarief: ${REASON}` },
      ]),
    );
    expect(await ledgerOf(db(), loanId)).toHaveLength(4);
    expect((await get(`/balie/lening/${loanId}`, volunteer)).body).not.toContain(REASON);
    expect((await get("/beheer/geld", coordinator)).body).toContain(`Verlaagd tarief: ${REASON}`);
  });

  it("of nothing asks nothing at the desk, and the ledger notes both amounts as waived", async () => {
    const { person, loanId } = await aBorrower("Cor Cornelissen");
    await post("/beheer/geld/tarieven", { intent: "set", memberId: person.id, paysPercent: "0", reason: REASON, endsOn: addDays(today, 30) }, coordinator);
    const desk = await get(`/balie/lening/${loanId}`, volunteer);
    expect(desk.body).not.toContain('name="deposit"');
    const out = await post(`/balie/lening/${loanId}`, { intent: "checkOut", conditionOut: "" }, volunteer);
    expect(out.status).toBeLessThan(400);
    expect((await ledgerOf(db(), loanId)).map((row) => [row.purpose, row.kind, row.amount_cents])).toEqual(
      expect.arrayContaining([
        ["deposit", "waiver", 1000],
        ["fee", "waiver", 250],
      ]),
    );
  });

  it("no longer applies after its end date, and a stopped tariff no longer applies", async () => {
    const { person, loanId } = await aBorrower("Dina Dekker");
    await db().insertInto("tariffs").values({ member_id: person.id, pays_percent: 0, reason: REASON, ends_on: addDays(today, -1) }).execute();
    expect((await get(`/balie/lening/${loanId}`, volunteer)).body).toContain("€\u00a010,00");
    await db().updateTable("tariffs").set({ ends_on: addDays(today, 10) }).where("member_id", "=", person.id).execute();
    expect((await get(`/balie/lening/${loanId}`, volunteer)).body).not.toContain("€\u00a010,00");
    const stopped = await post("/beheer/geld/tarieven", { intent: "end", memberId: person.id }, coordinator);
    expect(stopped.body).toContain("Het lagere tarief is gestopt.");
    expect((await get(`/balie/lening/${loanId}`, volunteer)).body).toContain("€\u00a010,00");
  });

  it("lowers what is asked online too, and a paid session writes the payment and the tariff's waiver", async () => {
    const { person, loanId } = await aBorrower("Eva Eijkman");
    await db().insertInto("tariffs").values({ member_id: person.id, pays_percent: 25, reason: REASON, ends_on: addDays(today, 10) }).execute();
    const due = await amountsDue(db(), "loan", loanId, person.id);
    expect(due?.lines).toEqual([
      { purpose: "deposit", amountCents: 250, tariff: { waivedCents: 750, reason: `Verlaagd tarief: ${REASON}` } },
      { purpose: "fee", amountCents: 62, tariff: { waivedCents: 188, reason: `Verlaagd tarief: ${REASON}` } },
    ]);
    // As the checkout would have kept it (the Stripe part is in tests/online-payments.test.ts).
    await db()
      .insertInto("checkout_sessions")
      .values({ id: "cs_test_tarief", module: "tool_library", record_type: "loan", record_id: loanId, lines: JSON.stringify(due!.lines), total_cents: 312, description: due!.description, member_id: person.id })
      .execute();
    expect(await recordCheckoutPaid(db(), wijk, "cs_test_tarief", { paymentIntent: "pi_tarief", stripeFeeCents: 29 }, server.url(wijk.slug))).toBe("recorded");
    expect((await ledgerOf(db(), loanId)).map((row) => [row.purpose, row.kind, row.method, row.amount_cents])).toEqual(
      expect.arrayContaining([
        ["deposit", "payment", "online", 250],
        ["deposit", "waiver", null, 750],
        ["fee", "payment", "online", 62],
        ["fee", "waiver", null, 188],
      ]),
    );
    expect(await amountsDue(db(), "loan", loanId, person.id)).toBeNull();
  });

  it("lowers the amounts of a walk-in loan for the person chosen, and the repair and home job forms say what share to ask", async () => {
    const person = await aMember(db(), { name: "Fenna Feenstra" });
    await db().insertInto("tariffs").values({ member_id: person.id, pays_percent: 50, reason: REASON, ends_on: addDays(today, 10) }).execute();
    const toolId = await aTool(db(), { name: `Schuurmachine ${uniqueSlug("")}`, deposit: "10", fee: "2,50" });
    const tool = await db().selectFrom("tools").select("number").where("id", "=", toolId).executeTakeFirstOrThrow();
    // The walk-in form as the desk sees it once the tool and the person are chosen (also without JavaScript).
    const chosen = new URLSearchParams({ gereedschap: "", toolNumber: String(tool.number), persoon: "", memberId: person.id, newName: "", newPhone: "", due: addDays(today, 3) });
    const form = await get(`/balie/uitlenen?${chosen}`, volunteer);
    expect(form.body).toContain("€\u00a05,00");
    expect(form.body).toContain("€\u00a01,25");
    expect(form.body).not.toContain(REASON);
    const lent = await post(`/balie/uitlenen?${chosen}`, { ...Object.fromEntries(chosen), deposit: "cash", fee: "cash", conditionOut: "" }, volunteer);
    expect(lent.status).toBe(303);
    const loan = await db().selectFrom("loans").select("id").where("tool_id", "=", toolId).executeTakeFirstOrThrow();
    expect((await ledgerOf(db(), loan.id)).filter((row) => row.kind === "payment").map((row) => row.amount_cents).sort()).toEqual([125, 500]);

    const change = { actor: coordinator.member.id, tenant: { id: wijk.id, name: wijk.name }, siteUrl: server.url(wijk.slug) };
    const { repairId } = await aRepair(db(), change, { memberId: person.id, until: "in_progress" });
    expect((await get(`/balie/reparaties/${repairId}`, volunteer)).body).toContain("Deze persoon betaalt 50% van het bedrag (lager tarief).");
    const closed = await post(`/balie/reparaties/${repairId}`, { intent: "close", expected: "in_progress", outcome: "repaired", productCategory: "Misc", barrier: "", problem: "", year: "", contribution: "6", payment: "cash" }, volunteer);
    expect(closed.status).toBe(200);
    expect((await ledgerOf(db(), repairId)).map((row) => [row.kind, row.amount_cents])).toEqual(expect.arrayContaining([["payment", 300], ["waiver", 300]]));
  });
});
