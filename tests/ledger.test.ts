import { type Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantMigrations } from "../db/migrations/tenant";
import { platformDb, tenantDb, tenantSchemaName, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { migrateTenant } from "~/db/migrate.server";
import { forgetPaymentsOf, returnCash, settleAtDesk, type AmountDue } from "~/modules/payments/ledger.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";
import { ledgerOf } from "./support/ledger";

let database: Database;
let db: TenantDb;
let otherDb: TenantDb;
beforeAll(async () => {
  database = await openTestDatabase();
  const wijk = await createTenant(database, { slug: uniqueSlug("kas"), name: "Kaswijk" }, seedNeighbourhood({ city: "Schiedam" }));
  const other = await createTenant(database, { slug: uniqueSlug("ander"), name: "Anderwijk" }, seedNeighbourhood({ city: "Nijmegen" }));
  db = tenantDb(database, wijk.id);
  otherDb = tenantDb(database, other.id);
});
afterAll(() => database.close());

const aDue = (overrides: Partial<AmountDue> = {}): AmountDue => ({
  module: "repairs",
  recordType: "repair",
  recordId: crypto.randomUUID(),
  purpose: "contribution",
  amountCents: 450,
  description: "Reparatie 7",
  memberId: null,
  ...overrides,
});

describe("moving the modules' own cash and waived notes into the ledger (migration 0015)", () => {
  it("loses nothing: each note becomes an entry and the totals per module stay the same", async () => {
    const tenantId = crypto.randomUUID();
    const schema = tenantSchemaName(tenantId);
    await platformDb(database)
      .insertInto("tenants")
      .values({ id: tenantId, slug: uniqueSlug("oud"), name: "Oude wijk", municipality: null, province: null, custom_domain: null, schema_version: null, status: "active" })
      .execute();
    await sql`create schema ${sql.id(schema)}`.execute(database.kysely);
    const before = new Migrator({ db: database.kysely.withSchema(schema), provider: { getMigrations: async () => tenantMigrations }, migrationTableSchema: schema });
    expect((await before.migrateTo("0014_kitchen")).error).toBeUndefined();

    // The tables as they were before the ledger, untyped on purpose: these columns are gone now.
    const old = database.kysely.withSchema(schema) as unknown as Kysely<any>;
    const insert = (table: string, values: Record<string, unknown>) => old.insertInto(table).values(values).returning("id").executeTakeFirstOrThrow() as Promise<{ id: string }>;
    const member = await insert("members", { name: "Ans", role: "resident" });
    const tool = await insert("tools", { number: 12, name: "Boormachine", category: "tools", deposit_cents: 2500, fee_cents: 250 });
    const day = (offset: number) => new Date(Date.UTC(2026, 9, 1 + offset)).toISOString().slice(0, 10);
    const loan = (offset: number, values: Record<string, unknown>) =>
      insert("loans", { tool_id: tool.id, member_id: member.id, status: "returned", period: `[${day(offset)},${day(offset + 2)})`, checked_out_at: new Date(`${day(offset)}T10:00:00Z`), returned_at: new Date(`${day(offset + 2)}T10:00:00Z`), deposit_cents: 2500, fee_cents: 250, ...values });
    const paidAndReturned = await loan(0, { deposit_payment: "cash", fee_payment: "cash", deposit_returned_at: new Date(`${day(2)}T10:00:00Z`) });
    const waived = await loan(5, { deposit_payment: "waived", fee_payment: "waived", waived_reason: "Minima, in overleg" });
    const repair = await insert("repairs", { member_id: member.id, kind: "bicycle", fault: "Lekke band", status: "collected", outcome: "repaired", contribution_cents: 450, contribution_payment: "cash", done_at: new Date() });
    const freeRepair = await insert("repairs", { member_id: member.id, kind: "appliance", fault: "Broodrooster", status: "done", outcome: "advice_given", done_at: new Date(), contribution_cents: 300, contribution_payment: "waived", waived_reason: "Geen geld" });
    const job = await insert("home_jobs", { requester_id: member.id, description: "Kraan lekt", urgency: "normal", status: "done", decision_reason: "Past bij ons", assessed_at: new Date(), estimate_accepted_at: new Date(), materials_cents: 980, contribution_payment: "cash", done_at: new Date() });
    const activity = await insert("activities", { title: "Buurtmaaltijd", schedule_rule: "DTSTART:20261001T000000Z\nRRULE:FREQ=WEEKLY;COUNT=1", starts_at: "17:30", ends_at: "19:30", capacity: 20, kind: "meal", category: "food" });
    const date = await insert("activity_dates", { activity_id: activity.id, day: "2026-10-01", starts_at: "17:30", ends_at: "19:30", capacity: 20 });
    const eater = await insert("activity_signups", { date_id: date.id, member_id: member.id, status: "confirmed" });
    const neighbour = await insert("members", { name: "Bram", role: "resident" });
    const guest = await insert("activity_signups", { date_id: date.id, member_id: neighbour.id, status: "walk_in", attended: true });
    await old.insertInto("meal_payments").values({ signup_id: eater.id, amount_cents: 405, method: "cash" }).execute();
    await old.insertInto("meal_payments").values({ signup_id: guest.id, amount_cents: 0, method: "waived" }).execute();

    const cashBefore = { tool_library: 2500 + 250, repairs: 450, home_jobs: 980, kitchen: 405 };
    expect((await migrateTenant(database, tenantId))[0]).toBe("0015_ledger");

    const after = tenantDb(database, tenantId);
    const totals = await after
      .selectFrom("ledger_entries")
      .select(["module", sql<number>`sum(amount_cents) filter (where kind = 'payment')::int`.as("paid")])
      .groupBy("module")
      .execute();
    expect(Object.fromEntries(totals.map((row) => [row.module, row.paid]))).toEqual(cashBefore);
    expect(await ledgerOf(after, paidAndReturned.id)).toEqual([
      { purpose: "deposit", kind: "payment", method: "cash", amount_cents: 2500, reason: null },
      { purpose: "fee", kind: "payment", method: "cash", amount_cents: 250, reason: null },
      { purpose: "deposit", kind: "refund", method: "cash", amount_cents: 2500, reason: "Borg terug bij inleveren" },
    ]);
    expect(await ledgerOf(after, waived.id)).toEqual([
      { purpose: "deposit", kind: "waiver", method: null, amount_cents: 2500, reason: "Minima, in overleg" },
      { purpose: "fee", kind: "waiver", method: null, amount_cents: 250, reason: "Minima, in overleg" },
    ]);
    expect(await ledgerOf(after, repair.id)).toEqual([{ purpose: "contribution", kind: "payment", method: "cash", amount_cents: 450, reason: null }]);
    expect(await ledgerOf(after, freeRepair.id)).toEqual([{ purpose: "contribution", kind: "waiver", method: null, amount_cents: 300, reason: "Geen geld" }]);
    expect(await ledgerOf(after, job.id)).toEqual([{ purpose: "contribution", kind: "payment", method: "cash", amount_cents: 980, reason: null }]);
    expect(await ledgerOf(after, guest.id)).toEqual([{ purpose: "meal", kind: "waiver", method: null, amount_cents: 0, reason: "(niet genoteerd, van vóór het kasboek)" }]);
    const described = await after.selectFrom("ledger_entries").select(["record_id", "description", "member_id"]).where("record_id", "in", [waived.id, repair.id, eater.id]).execute();
    expect(new Set(described.map((row) => row.description))).toEqual(new Set(["Lening 12: Boormachine", "Reparatie 1", "Maaltijd 01-10-2026: Buurtmaaltijd"]));
    expect(described.every((row) => row.member_id === member.id)).toBe(true);
  });
});

describe("the ledger", () => {
  it("is append-only: an entry cannot be changed or deleted, only erased of its person and reason", async () => {
    const member = await aMember(db);
    const due = aDue({ memberId: member.id });
    await settleAtDesk(db, due, "waived", "Minima", member.id);
    await expect(db.updateTable("ledger_entries").set({ amount_cents: 1 }).where("record_id", "=", due.recordId).execute()).rejects.toThrow(/never changed/);
    await expect(db.updateTable("ledger_entries").set({ reason: "Iets anders" }).where("record_id", "=", due.recordId).execute()).rejects.toThrow(/never changed/);
    await expect(db.deleteFrom("ledger_entries").where("record_id", "=", due.recordId).execute()).rejects.toThrow(/never deleted/);

    // The payout that took an online payment is noted once, days later; after that it stays.
    const online = aDue({ memberId: member.id });
    await db.insertInto("ledger_entries").values({ module: online.module, record_type: online.recordType, record_id: online.recordId, purpose: online.purpose, kind: "payment", method: "online", amount_cents: 450, description: online.description, stripe_payment_intent: "pi_uitbetaald" }).execute();
    await db.updateTable("ledger_entries").set({ stripe_payout: "po_eerste" }).where("record_id", "=", online.recordId).execute();
    await expect(db.updateTable("ledger_entries").set({ stripe_payout: "po_tweede" }).where("record_id", "=", online.recordId).execute()).rejects.toThrow(/never changed/);
    await expect(db.updateTable("ledger_entries").set({ stripe_payout: "po_derde", amount_cents: 1 }).where("record_id", "=", due.recordId).execute()).rejects.toThrow(/never changed/);
    expect((await db.selectFrom("ledger_entries").select("stripe_payout").where("record_id", "=", online.recordId).executeTakeFirstOrThrow()).stripe_payout).toBe("po_eerste");

    await forgetPaymentsOf(db, member.id);
    expect(await db.selectFrom("ledger_entries").select(["member_id", "reason", "amount_cents"]).where("record_id", "=", due.recordId).execute()).toEqual([
      { member_id: null, reason: "(verwijderd op verzoek van de bewoner)", amount_cents: 450 },
    ]);
  });

  it("settles one thing once, also when the same form arrives twice at the same moment", async () => {
    const due = aDue();
    await Promise.all([settleAtDesk(db, due, "cash", null, null), settleAtDesk(db, due, "cash", null, null), settleAtDesk(db, due, "cash", null, null)]);
    expect(await ledgerOf(db, due.recordId)).toEqual([{ purpose: "contribution", kind: "payment", method: "cash", amount_cents: 450, reason: null }]);
    // Receiving nothing writes nothing; forgiving nothing is still written down.
    const nothing = aDue({ amountCents: 0 });
    await settleAtDesk(db, nothing, "cash", null, null);
    expect(await ledgerOf(db, nothing.recordId)).toEqual([]);
  });

  it("gives back in cash only what was held in cash, and only once", async () => {
    const due = aDue({ module: "tool_library", recordType: "loan", purpose: "deposit", amountCents: 2500, description: "Lening 3: Ladder" });
    expect(await returnCash(db, "loan", due.recordId, "deposit", "Borg terug", null)).toBe(0);
    await settleAtDesk(db, due, "cash", null, null);
    expect(await returnCash(db, "loan", due.recordId, "deposit", "Borg terug", null)).toBe(2500);
    expect(await returnCash(db, "loan", due.recordId, "deposit", "Borg terug", null)).toBe(0);
    const waived = aDue({ module: "tool_library", recordType: "loan", purpose: "deposit", amountCents: 2500, description: "Lening 4: Zaag" });
    await settleAtDesk(db, waived, "waived", "Minima", null);
    expect(await returnCash(db, "loan", waived.recordId, "deposit", "Borg terug", null)).toBe(0);
  });

  it("belongs to one neighbourhood: another cannot read, settle against or give back its money", async () => {
    const due = aDue({ module: "tool_library", recordType: "loan", purpose: "deposit", amountCents: 2500, description: "Lening 5: Kruiwagen" });
    await settleAtDesk(db, due, "cash", null, null);
    expect(await ledgerOf(otherDb, due.recordId)).toEqual([]);
    expect(await returnCash(otherDb, "loan", due.recordId, "deposit", "Borg terug", null)).toBe(0);
    expect(await ledgerOf(db, due.recordId)).toEqual([{ purpose: "deposit", kind: "payment", method: "cash", amount_cents: 2500, reason: null }]);
  });
});
