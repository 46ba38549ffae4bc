import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, isoWeekday, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { startJobQueue } from "~/modules/jobs/job-queue.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { checkIn, checkOutReservation, checkOutWalkIn, deskOverview, expireUncollectedReservations, reserveTool } from "~/modules/tool-library/loans.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { lendingNumbers } from "~/modules/tool-library/numbers.server";
import { queueLoanReminders } from "~/modules/tool-library/reminders.server";
import { DAILY_LOAN_REMINDERS, scheduleLoanReminders } from "~/modules/tool-library/reminder-jobs.server";
import { blockBorrower, saveLendingRules } from "~/modules/tool-library/rules.server";
import { changeToolStatus, createTool, searchCatalog, toolFormSchema, type ToolInput } from "~/modules/tool-library/tools.server";
import pino from "pino";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { eventually } from "./support/eventually";
import { ledgerOf } from "./support/ledger";

let database: Database;
let wijk: TenantRow;
let other: TenantRow;
let db: TenantDb;
const today = localToday();
const coordinatorId = () => db.selectFrom("members").select("id").where("role", "=", "coordinator").executeTakeFirstOrThrow().then((m) => m.id);

const tool = (overrides: Partial<Record<string, string>> = {}): ToolInput =>
  toolFormSchema.parse({ name: "Boormachine", category: "Boren", condition: "good", maxLoanDays: "7", ...overrides });

async function resident(target = db, name = "Bewoner") {
  return (await addMember(target, { accountId: null, name, role: "resident" })).id;
}

/** A neighbourhood of the test's own, for a test that changes its lending rules or counts all its loans. */
async function aNeighbourhood() {
  const tenant = await createTenant(database, { slug: uniqueSlug("eigen"), name: "Eigen wijk" }, seedNeighbourhood({ city: "Leenstad" }));
  return { tenant, db: tenantDb(database, tenant.id) };
}

beforeAll(async () => {
  database = await openTestDatabase();
  wijk = await createTenant(database, { slug: uniqueSlug("lenen"), name: "Leenwijk" }, seedNeighbourhood({ city: "Leenstad" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  db = tenantDb(database, wijk.id);
  await addMember(db, { accountId: null, name: "Coördinator", role: "coordinator" });
});
afterAll(async () => {
  await database.close();
});

describe("reserving a tool", () => {
  it("lets exactly one of 50 people win the same days, because the database forbids overlaps", async () => {
    const toolId = await createTool(db, tool({ name: "Tegelzaag" }));
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => resident(db, `Bewoner ${i}`)));
    const start = addDays(today, 3);
    const results = await Promise.all(people.map((memberId) => reserveTool(db, { toolId, memberId, actor: memberId, start, end: addDays(start, 2), today })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(49);
    expect(new Set(losers.map((r) => (r.ok ? "" : r.error)))).toEqual(new Set(["tool_taken"]));
    const open = await db.selectFrom("loans").select("id").where("tool_id", "=", toolId).where("status", "=", "reserved").execute();
    expect(open).toHaveLength(1);
    // The rule lives in the database itself: a write that skips the app's code is refused too.
    const direct = db.insertInto("loans").values({ tool_id: toolId, member_id: people[0]!, status: "on_loan", period: `[${start},${addDays(start, 1)})`, checked_out_at: new Date() }).execute();
    await expect(direct).rejects.toMatchObject({ code: "23P01" });
  });

  it("allows back-to-back periods but not one shared day", async () => {
    const toolId = await createTool(db, tool());
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const first = await reserveTool(db, { toolId, memberId: a, actor: a, start: addDays(today, 1), end: addDays(today, 3), today });
    expect(first.ok).toBe(true);
    const sharedDay = await reserveTool(db, { toolId, memberId: b, actor: b, start: addDays(today, 3), end: addDays(today, 4), today });
    expect(sharedDay).toMatchObject({ ok: false, error: "tool_taken" });
    const next = await reserveTool(db, { toolId, memberId: c, actor: c, start: addDays(today, 4), end: addDays(today, 5), today });
    expect(next.ok).toBe(true);
  });

  it("refuses dates in the past, an end before the start, too long and too far ahead", async () => {
    const toolId = await createTool(db, tool({ maxLoanDays: "3" }));
    const memberId = await resident();
    const attempt = (start: string, end: string) => reserveTool(db, { toolId, memberId, actor: memberId, start, end, today });
    expect(await attempt(addDays(today, -1), today)).toMatchObject({ ok: false, field: "start", error: "date_in_past" });
    expect(await attempt(addDays(today, 5), addDays(today, 4))).toMatchObject({ ok: false, field: "end", error: "end_before_start" });
    expect(await attempt(today, addDays(today, 3))).toMatchObject({ ok: false, field: "end", error: "loan_too_long" });
    expect(await attempt(addDays(today, 400), addDays(today, 401))).toMatchObject({ ok: false, field: "start", error: "too_far_ahead" });
    expect(await attempt(today, addDays(today, 2))).toMatchObject({ ok: true });
  });

  it("only on opening days, when the neighbourhood lists them", async () => {
    const open = await createTenant(database, { slug: uniqueSlug("open"), name: "Openwijk" }, seedNeighbourhood({ openingHours: [{ weekday: isoWeekday(addDays(today, 1)), opens: "10:00", closes: "16:00" }] }));
    const openDb = tenantDb(database, open.id);
    const toolId = await createTool(openDb, tool());
    const memberId = await resident(openDb);
    const closedStart = await reserveTool(openDb, { toolId, memberId, actor: memberId, start: addDays(today, 2), end: addDays(today, 8), today });
    expect(closedStart).toMatchObject({ ok: false, field: "start", error: "closed_day" });
    const openDays = await reserveTool(openDb, { toolId, memberId, actor: memberId, start: addDays(today, 1), end: addDays(today, 1), today });
    expect(openDays.ok).toBe(true);
  });

  it("keeps to the maximum of open loans per person, even when one person tries several at once", async () => {
    const { db } = await aNeighbourhood();
    await saveLendingRules(db, { maxOpenLoans: 2 });
    const memberId = await resident(db);
    const tools = await Promise.all(Array.from({ length: 5 }, (_, i) => createTool(db, tool({ name: `Schroevendraaier ${i}` }))));
    const results = await Promise.all(tools.map((toolId) => reserveTool(db, { toolId, memberId, actor: memberId, start: today, end: today, today })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error))).toEqual(["too_many_loans", "too_many_loans", "too_many_loans"]);
  });

  it("refuses a blocked person and a tool that is in repair", async () => {
    const memberId = await resident();
    const toolId = await createTool(db, tool());
    await blockBorrower(db, { memberId, reason: "Twee keer niet teruggebracht" }, await coordinatorId());
    expect(await reserveTool(db, { toolId, memberId, actor: memberId, start: today, end: today, today })).toMatchObject({ ok: false, error: "borrower_blocked" });
    const someoneElse = await resident();
    await db.updateTable("tools").set({ status: "in_repair" }).where("id", "=", toolId).execute();
    expect(await reserveTool(db, { toolId, memberId: someoneElse, actor: someoneElse, start: today, end: today, today })).toMatchObject({ ok: false, error: "tool_not_lendable" });
  });

  it("cannot reach another neighbourhood's tool, and the other neighbourhood cannot reach this one's", async () => {
    const toolId = await createTool(db, tool());
    const neighbour = tenantDb(database, other.id);
    const outsider = await resident(neighbour);
    const crossing = await reserveTool(neighbour, { toolId, memberId: outsider, actor: outsider, start: today, end: today, today });
    expect(crossing).toMatchObject({ ok: false, error: "tool_unknown" });
    const local = await resident();
    expect(await reserveTool(db, { toolId, memberId: outsider, actor: local, start: today, end: today, today })).toMatchObject({ ok: false, error: "member_unknown" });
    expect(await neighbour.selectFrom("loans").select("id").execute()).toHaveLength(0);
    expect((await searchCatalog(neighbour, { q: "", category: "", page: 1 }, today)).tools).toHaveLength(0);
  });
});

describe("the desk", () => {
  it("hands out a reservation with payments recorded, takes it back and sends it for repair", async () => {
    const toolId = await createTool(db, tool({ name: "Hogedrukreiniger", deposit: "25", fee: "2,50" }));
    const memberId = await resident();
    const desk = await coordinatorId();
    const reserved = await reserveTool(db, { toolId, memberId, actor: memberId, start: today, end: addDays(today, 2), today });
    if (!reserved.ok) throw new Error(reserved.error);
    const noPayment = await checkOutReservation(db, reserved.loanId, { conditionOut: null, deposit: undefined, fee: undefined, waivedReason: null }, desk, today);
    expect(noPayment).toMatchObject({ ok: false, field: "deposit", error: "payment_required" });
    const handedOut = await checkOutReservation(db, reserved.loanId, { conditionOut: "Slang heeft een krasje", deposit: "cash", fee: "waived", waivedReason: "Minima" }, desk, today);
    expect(handedOut.ok).toBe(true);
    const loan = await db.selectFrom("loans").selectAll().where("id", "=", reserved.loanId).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ status: "on_loan", deposit_cents: 2500, fee_cents: 250 });
    expect(await ledgerOf(db, reserved.loanId)).toEqual([
      { purpose: "deposit", kind: "payment", method: "cash", amount_cents: 2500, reason: null },
      { purpose: "fee", kind: "waiver", method: null, amount_cents: 250, reason: "Minima" },
    ]);
    const again = await checkOutReservation(db, reserved.loanId, { conditionOut: null, deposit: "cash", fee: "cash", waivedReason: null }, desk, today);
    expect(again).toMatchObject({ ok: false, error: "loan_not_reserved" });

    const back = await checkIn(db, reserved.loanId, { conditionIn: "Lans lekt", depositReturned: true, toRepair: true }, desk);
    expect(back.ok).toBe(true);
    const returned = await db.selectFrom("loans").selectAll().where("id", "=", reserved.loanId).executeTakeFirstOrThrow();
    expect(returned.status).toBe("returned");
    expect((await ledgerOf(db, reserved.loanId)).at(-1)).toEqual({ purpose: "deposit", kind: "refund", method: "cash", amount_cents: 2500, reason: "Borg terug bij inleveren" });
    const repaired = await db.selectFrom("tools").select("status").where("id", "=", toolId).executeTakeFirstOrThrow();
    expect(repaired.status).toBe("in_repair");
    const log = await db.selectFrom("tool_maintenance").select(["kind", "note"]).where("tool_id", "=", toolId).execute();
    expect(log).toEqual([{ kind: "to_repair", note: "Lans lekt" }]);
    expect(await checkIn(db, reserved.loanId, { conditionIn: null, depositReturned: false, toRepair: false }, desk)).toMatchObject({ ok: false, error: "loan_not_out" });
  });

  it("lends on the spot to someone without a login, but not over someone else's reservation", async () => {
    const toolId = await createTool(db, tool({ name: "Kruiwagen" }));
    const { number } = await db.selectFrom("tools").select("number").where("id", "=", toolId).executeTakeFirstOrThrow();
    const [walkIn, planner] = [await resident(db, "Zonder account"), await resident()];
    await reserveTool(db, { toolId, memberId: planner, actor: planner, start: addDays(today, 2), end: addDays(today, 3), today });
    const desk = await coordinatorId();
    const payments = { conditionOut: null, deposit: undefined, fee: undefined, waivedReason: null, newName: null, newPhone: null };
    const overlapping = await checkOutWalkIn(db, { toolNumber: number, memberId: walkIn, due: addDays(today, 2), ...payments }, desk, today);
    expect(overlapping).toMatchObject({ ok: false, field: "toolNumber", error: "tool_reserved" });
    const lent = await checkOutWalkIn(db, { toolNumber: number, memberId: walkIn, due: addDays(today, 1), ...payments }, desk, today);
    expect(lent.ok).toBe(true);
    expect(await checkOutWalkIn(db, { toolNumber: 999_999, memberId: walkIn, due: today, ...payments }, desk, today)).toMatchObject({ ok: false, error: "tool_unknown" });
  });

  it("lists what is late, and will not hand a tool out again before it is back", async () => {
    const toolId = await createTool(db, tool({ name: "Ladder" }));
    const [late, next] = [await resident(db, "Laatkomer"), await resident()];
    const desk = await coordinatorId();
    // A loan that started two weeks ago and was due last week (the app refuses to make one in the past).
    await db
      .insertInto("loans")
      .values({ tool_id: toolId, member_id: late, status: "on_loan", period: `[${addDays(today, -14)},${addDays(today, -6)})`, checked_out_at: new Date(), created_by: desk })
      .execute();
    const overview = await deskOverview(db, today);
    expect(overview.overdue.map((loan) => loan.member_name)).toContain("Laatkomer");
    const reserved = await reserveTool(db, { toolId, memberId: next, actor: next, start: today, end: today, today });
    if (!reserved.ok) throw new Error(reserved.error);
    const payments = { conditionOut: null, deposit: undefined, fee: undefined, waivedReason: null, newName: null, newPhone: null };
    expect(await checkOutReservation(db, reserved.loanId, payments, desk, today)).toMatchObject({ ok: false, error: "tool_still_out" });
  });
});

describe("reservations nobody collects", () => {
  it("stop counting, leave the desk's list, cannot be handed out, and are cancelled by the daily job", async () => {
    const { db } = await aNeighbourhood();
    await saveLendingRules(db, { maxOpenLoans: 1 });
    const memberId = await resident(db, "Vergeetachtig");
    const toolId = await createTool(db, tool({ name: "Vergeten boor" }));
    const { id } = await db
      .insertInto("loans")
      .values({ tool_id: toolId, member_id: memberId, status: "reserved", period: `[${addDays(today, -5)},${addDays(today, -1)})` })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await deskOverview(db, today)).toHandOut.map((loan) => loan.id)).not.toContain(id);
    const desk = (await addMember(db, { accountId: null, name: "Coördinator", role: "coordinator" })).id;
    const payments = { conditionOut: null, deposit: undefined, fee: undefined, waivedReason: null };
    expect(await checkOutReservation(db, id, payments, desk, today)).toMatchObject({ ok: false, error: "reservation_expired" });
    const other = await createTool(db, tool({ name: "Andere boor" }));
    expect((await reserveTool(db, { toolId: other, memberId, actor: memberId, start: today, end: today, today })).ok).toBe(true);
    expect(await expireUncollectedReservations(db, today)).toBe(1);
    expect((await db.selectFrom("loans").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("cancelled");
  });

  it("are cancelled when the tool is retired, and kept when it only goes for repair", async () => {
    const toolId = await createTool(db, tool({ name: "Oude zaag" }));
    const memberId = await resident();
    const reserved = await reserveTool(db, { toolId, memberId, actor: memberId, start: addDays(today, 2), end: addDays(today, 3), today });
    if (!reserved.ok) throw new Error(reserved.error);
    const coordinator = await coordinatorId();
    await changeToolStatus(db, toolId, "in_repair", null, coordinator);
    expect((await db.selectFrom("loans").select("status").where("id", "=", reserved.loanId).executeTakeFirstOrThrow()).status).toBe("reserved");
    await changeToolStatus(db, toolId, "retired", "Versleten", coordinator);
    expect((await db.selectFrom("loans").select("status").where("id", "=", reserved.loanId).executeTakeFirstOrThrow()).status).toBe("cancelled");
    const log = await db.selectFrom("tool_maintenance").select(["kind", "note"]).where("tool_id", "=", toolId).orderBy("id").execute();
    expect(log).toEqual([
      { kind: "to_repair", note: null },
      { kind: "retired", note: "Versleten" },
    ]);
  });
});

describe("a borrower deleting their account", () => {
  it("must bring back what they have first; then reservations are cancelled and past loans kept without their name", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("weg")}@example.org`, password: "een lang wachtwoord" });
    const memberId = (await addMember(db, { accountId: account.id, name: "Vertrekker", role: "resident" })).id;
    const [drill, saw] = [await createTool(db, tool({ name: "Boor van vertrekker" })), await createTool(db, tool({ name: "Zaag van vertrekker" }))];
    const out = await reserveTool(db, { toolId: drill, memberId, actor: memberId, start: today, end: today, today });
    const later = await reserveTool(db, { toolId: saw, memberId, actor: memberId, start: addDays(today, 5), end: addDays(today, 5), today });
    if (!out.ok || !later.ok) throw new Error("reservations failed");
    const desk = await coordinatorId();
    await checkOutReservation(db, out.loanId, { conditionOut: null, deposit: undefined, fee: undefined, waivedReason: null }, desk, today);
    expect(await deleteOwnAccount(db, platformDb(database), wijk.id, account.id)).toBe("loan_active");
    await checkIn(db, out.loanId, { conditionIn: null, depositReturned: false, toRepair: false }, desk);
    expect(await deleteOwnAccount(db, platformDb(database), wijk.id, account.id)).toBe("ok");
    const loans = await db.selectFrom("loans").select(["id", "status", "member_id"]).where("id", "in", [out.loanId, later.loanId]).orderBy("created_at").execute();
    expect(loans.map(({ status, member_id }) => ({ status, member_id }))).toEqual([
      { status: "returned", member_id: null },
      { status: "cancelled", member_id: null },
    ]);
  });
});

describe("reminders", () => {
  async function loanDue(due: string, email: string | null, target = db) {
    const account = email ? await createAccount(platformDb(database), { email, password: "een lang wachtwoord" }) : null;
    const memberId = (await addMember(target, { accountId: account?.id ?? null, name: "Lener", role: "resident" })).id;
    const toolId = await createTool(target, tool({ name: `Heggenschaar ${email ?? "zonder"}` }));
    await target
      .insertInto("loans")
      .values({ tool_id: toolId, member_id: memberId, status: "on_loan", period: `[${addDays(due, -3)},${addDays(due, 1)})`, checked_out_at: new Date() })
      .execute();
  }
  const outboxFor = (email: string) => platformDb(database).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", email).execute();

  it("emails the day before and once when overdue, never twice", async () => {
    // A neighbourhood of its own: the reminders counted are those of all its loans.
    const { tenant, db } = await aNeighbourhood();
    const dueTomorrow = `${uniqueSlug("morgen")}@example.org`;
    const overdue = `${uniqueSlug("laat")}@example.org`;
    await loanDue(addDays(today, 1), dueTomorrow, db);
    await loanDue(addDays(today, -2), overdue, db);
    await loanDue(addDays(today, -2), null, db);
    await loanDue(addDays(today, 5), `${uniqueSlug("later")}@example.org`, db);
    const sent = await queueLoanReminders(database, tenant, "http://localhost:3000/", today);
    expect(sent).toEqual({ due: 1, overdue: 1 });
    const [tomorrowMail] = await outboxFor(dueTomorrow);
    expect(tomorrowMail?.subject).toContain("Terugbrengen op");
    expect(tomorrowMail?.body).toContain(`http://${tenant.slug}.localhost:3000/account/leningen`);
    expect((await outboxFor(overdue))[0]?.subject).toContain("Te laat");
    await queueLoanReminders(database, tenant, "http://localhost:3000/", today);
    expect(await outboxFor(dueTomorrow)).toHaveLength(1);
    expect(await outboxFor(overdue)).toHaveLength(1);
  });

  it("are sent by the pg-boss job queue on this database", async () => {
    const dueTomorrow = `${uniqueSlug("queue")}@example.org`;
    await loanDue(addDays(today, 1), dueTomorrow);
    const boss = await startJobQueue(database, pino({ level: "silent" }));
    try {
      await scheduleLoanReminders(boss, database, "http://localhost:3000/", pino({ level: "silent" }));
      await boss.send(DAILY_LOAN_REMINDERS, {});
      await eventually(async () => (await outboxFor(dueTomorrow)).length === 1, 15_000);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 30_000);
});

describe("numbers", () => {
  it("counts loans per month, different borrowers and the most-borrowed tools", async () => {
    const numbersWijk = await createTenant(database, { slug: uniqueSlug("cijfers"), name: "Cijferwijk" }, seedNeighbourhood({}));
    const nDb = tenantDb(database, numbersWijk.id);
    const [drill, saw] = [await createTool(nDb, tool({ name: "Boor" })), await createTool(nDb, tool({ name: "Zaag" }))];
    const [ann, bob] = [await resident(nDb, "Ann"), await resident(nDb, "Bob")];
    const loan = (toolId: string, memberId: string, at: string, days: number) =>
      nDb
        .insertInto("loans")
        .values({ tool_id: toolId, member_id: memberId, status: "returned", period: `[${addDays(today, days)},${addDays(today, days + 1)})`, checked_out_at: new Date(at), returned_at: new Date(at) })
        .execute();
    await loan(drill, ann, "2026-10-05T10:00:00Z", -60);
    await loan(drill, bob, "2026-10-20T10:00:00Z", -50);
    await loan(saw, ann, "2026-10-31T23:30:00Z", -40); // 1 November in Dutch time
    await loan(drill, ann, "2026-11-10T10:00:00Z", -30);
    const numbers = await lendingNumbers(nDb, new Date("2026-11-26T12:00:00Z"));
    expect(numbers.perMonth).toEqual([
      { month: "2026-10", loans: 2, borrowers: 2 },
      { month: "2026-11", loans: 2, borrowers: 1 },
    ]);
    expect(numbers.topTools.map((row) => [row.name, row.loans])).toEqual([
      ["Boor", 3],
      ["Zaag", 1],
    ]);
    expect(numbers.totals).toEqual({ loans: 4, borrowers: 2 });
  });
});
