import { type ExpressionBuilder, sql, type SqlBool, type Transaction } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import type { TenantTables } from "~/db/tables";
import { addDays, daysBetween, isIsoDay, isoWeekday } from "~/dates";
import { checkbox, optionalText } from "~/forms";
import { registerAtDesk } from "~/modules/members/members.server";
import { payableAtDesk, refundedAt, returnCash, settleAtDesk, settledHow, waiverReason } from "~/modules/payments/ledger.server";
import { loanDescription } from "~/modules/payments/descriptions";

/**
 * Reservations and loans are rows of one table: a reservation becomes a loan when the desk hands the
 * tool out, and a walk-in loan starts as one. The exclusion constraint `loans_no_overlap` makes two
 * open rows for the same tool and overlapping days impossible, however many people try at once.
 */

/** How far ahead a resident can reserve. */
export const MAX_DAYS_AHEAD = 90;

const day = z.string({ error: "date_invalid" }).trim().refine(isIsoDay, "date_invalid");

export const reservationSchema = z.object({ start: day, end: day });
export type ReservationInput = z.output<typeof reservationSchema>;

export type LoanProblem = { ok: false; field: string; error: string };
type Result<T> = ({ ok: true } & T) | LoanProblem;
const problem = (field: string, error: string): LoanProblem => ({ ok: false, field, error });

/** Rules about the dates alone, before anything is looked up. */
function checkDates(start: string, end: string, today: string): LoanProblem | null {
  if (start < today) return problem("start", "date_in_past");
  if (daysBetween(today, start) > MAX_DAYS_AHEAD) return problem("start", "too_far_ahead");
  if (end < start) return problem("end", "end_before_start");
  return null;
}

/**
 * What must hold for the borrower of a new reservation or loan, checked inside the transaction
 * that inserts it: known, not blocked, under the neighbourhood's maximum of open loans. Their row is
 * locked, so one person's two requests at once cannot both slip under the maximum. A reservation
 * whose last day has passed without being collected no longer counts.
 */
async function checkBorrower(trx: Transaction<TenantTables>, memberId: string, today: string): Promise<LoanProblem | null> {
  const member = await trx.selectFrom("members").select("id").where("id", "=", memberId).forUpdate().executeTakeFirst();
  if (!member) return problem("member", "member_unknown");
  const blocked = await trx.selectFrom("lending_blocks").select("member_id").where("member_id", "=", memberId).executeTakeFirst();
  if (blocked) return problem("form", "borrower_blocked");
  const { rules } = await trx.selectFrom("lending_rules").select("max_open_loans as rules").executeTakeFirstOrThrow();
  const { open } = await trx
    .selectFrom("loans")
    .select((eb) => eb.fn.countAll<string>().as("open"))
    .where("member_id", "=", memberId)
    .where((w) => w.or([w("status", "=", "on_loan"), w.and([w("status", "=", "reserved"), sql<SqlBool>`upper(period) > ${today}::date`])]))
    .executeTakeFirstOrThrow();
  if (Number(open) >= rules) return problem("form", "too_many_loans");
  return null;
}

/**
 * What must hold for the tool: lendable, not too long, pick-up and return on opening days. Its row
 * is locked so it cannot be sent for repair halfway, and so bookings of one tool take turns: with a
 * shared lock, two inserts that overlap each wait for the other inside the exclusion constraint and
 * PostgreSQL aborts one as a deadlock. Taking turns, the later one meets the constraint at once.
 */
async function checkTool(
  trx: Transaction<TenantTables>,
  input: { toolId: string; start: string; end: string; checkOpeningDays: boolean },
): Promise<LoanProblem | null> {
  const tool = await trx.selectFrom("tools").select(["status", "max_loan_days"]).where("id", "=", input.toolId).forNoKeyUpdate().executeTakeFirst();
  if (!tool || tool.status === "retired") return problem("tool", "tool_unknown");
  if (tool.status !== "available") return problem("tool", "tool_not_lendable");
  if (daysBetween(input.start, input.end) + 1 > tool.max_loan_days) return problem("end", "loan_too_long");
  if (input.checkOpeningDays) {
    const open = new Set((await trx.selectFrom("opening_hours").select("weekday").execute()).map((row) => row.weekday));
    // With no opening hours listed, every day counts as open.
    if (open.size > 0 && !open.has(isoWeekday(input.start))) return problem("start", "closed_day");
    if (open.size > 0 && !open.has(isoWeekday(input.end))) return problem("end", "closed_day");
  }
  return null;
}

const isOverlap = (error: unknown) => (error as { code?: string }).code === "23P01";

/** A resident (or the desk for them) reserves a tool from `start` up to and including `end`. */
export async function reserveTool(
  db: TenantDb,
  input: ReservationInput & { toolId: string; memberId: string; actor: string; today: string },
): Promise<Result<{ loanId: string }>> {
  const wrongDates = checkDates(input.start, input.end, input.today);
  if (wrongDates) return wrongDates;
  try {
    return await db.transaction().execute(async (trx) => {
      const wrong = (await checkBorrower(trx, input.memberId, input.today)) ?? (await checkTool(trx, { ...input, checkOpeningDays: true }));
      if (wrong) return wrong;
      const loan = await trx
        .insertInto("loans")
        .values({ tool_id: input.toolId, member_id: input.memberId, status: "reserved", period: `[${input.start},${addDays(input.end, 1)})`, created_by: input.actor })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ok: true as const, loanId: loan.id };
    });
  } catch (error) {
    if (isOverlap(error)) return problem("start", "tool_taken");
    throw error;
  }
}

/** The borrower cancels their own reservation; the desk (`memberId` null) can cancel any. */
export async function cancelReservation(db: TenantDb, loanId: string, memberId: string | null): Promise<boolean> {
  let update = db.updateTable("loans").set({ status: "cancelled", cancelled_at: new Date() }).where("id", "=", loanId).where("status", "=", "reserved");
  if (memberId) update = update.where("member_id", "=", memberId);
  return (await update.executeTakeFirst()).numUpdatedRows > 0n;
}

const loanColumns = [
  "loans.id",
  "loans.status",
  sql<string>`lower(loans.period)::text`.as("start"),
  sql<string>`(upper(loans.period) - 1)::text`.as("due"),
  "loans.checked_out_at",
  "loans.returned_at",
  "tools.id as tool_id",
  "tools.number as tool_number",
  "tools.name as tool_name",
] as const;

/** What the desk wrote down at hand-out and take-back: notes and payments. */
const handOutRecordColumns = (eb: ExpressionBuilder<TenantTables, "loans">) =>
  [
    "loans.condition_out",
    "loans.condition_in",
    "loans.deposit_cents",
    settledHow(eb, "loan", "loans.id", "deposit").as("deposit_payment"),
    refundedAt(eb, "loan", "loans.id", "deposit").as("deposit_returned_at"),
    "loans.fee_cents",
    settledHow(eb, "loan", "loans.id", "fee").as("fee_payment"),
    waiverReason(eb, "loan", "loans.id", "deposit").as("deposit_waived_reason"),
    waiverReason(eb, "loan", "loans.id", "fee").as("fee_waived_reason"),
  ] as const;

/** Everything the tool library keeps about one person, for their data export. */
export async function lendingDataOf(db: TenantDb, memberId: string) {
  const [loans, block] = await Promise.all([
    db
      .selectFrom("loans")
      .innerJoin("tools", "tools.id", "loans.tool_id")
      .select((eb) => [...loanColumns, ...handOutRecordColumns(eb)])
      .where("loans.member_id", "=", memberId)
      .orderBy("loans.created_at")
      .execute(),
    db.selectFrom("lending_blocks").select(["reason", "blocked_at"]).where("member_id", "=", memberId).executeTakeFirst(),
  ]);
  return { loans, lendingBlock: block ?? null };
}

/**
 * When someone erases their data: their past loans stay for the numbers, without what the desk
 * wrote about them (condition notes; why a payment was waived goes with the ledger's erasure).
 */
export async function forgetLoansOf(db: TenantDb, memberId: string): Promise<void> {
  await db.updateTable("loans").set({ condition_out: null, condition_in: null }).where("member_id", "=", memberId).execute();
}

/** Someone's own reservations and loans, open ones first. */
export function loansOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("loans")
    .innerJoin("tools", "tools.id", "loans.tool_id")
    .select(loanColumns)
    .where("loans.member_id", "=", memberId)
    .orderBy(sql`loans.status in ('reserved', 'on_loan')`, "desc")
    .orderBy("loans.period", "desc")
    .limit(100)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The desk

const payment = z.enum(["cash", "waived"], { error: "payment_invalid" }).optional();

/** What the desk fills in when handing a tool out. */
export const checkOutSchema = z
  .object({
    conditionOut: optionalText(1000),
    deposit: payment,
    fee: payment,
    waivedReason: optionalText(300),
  })
  .superRefine((form, context) => {
    if ((form.deposit === "waived" || form.fee === "waived") && !form.waivedReason) {
      context.addIssue({ code: "custom", path: ["waivedReason"], message: "reason_required" });
    }
  });
export type CheckOutInput = z.output<typeof checkOutSchema>;

const toolNumber = z
  .string()
  .trim()
  .min(1, "tool_required")
  .regex(/^#?\s*\d{1,6}$/, "tool_number_invalid")
  .transform((v) => Number(v.replace(/\D/g, "")));

/**
 * A walk-in loan: tool by its sticker number, back on `due`, to a person chosen from a search
 * (memberId) or, when none is chosen, a new person registered at the desk with name and phone. A
 * sticker number typed in the tool search (`gereedschap`) is the tool, also over one chosen from an
 * earlier search: typing the number and lending is the quickest way at the desk.
 */
export const walkInSchema = z.preprocess(
  (form) => {
    const { gereedschap, toolNumber: chosen = "" } = form as Record<string, string | undefined>;
    return { ...(form as object), toolNumber: toolNumber.safeParse(gereedschap).success ? gereedschap : chosen };
  },
  z
    .object({
      toolNumber,
      memberId: z.union([z.uuid({ error: "member_required" }), z.literal("")]).optional(),
      newName: optionalText(100),
      newPhone: optionalText(30),
      due: day,
    })
    .superRefine((form, context) => {
      if (!form.memberId && !form.newName) context.addIssue({ code: "custom", path: ["memberId"], message: "member_required" });
    }),
);

type Amounts = { deposit: number | null; fee: number | null; description: string; paidBefore: Set<string> };

/**
 * The amounts to settle at hand-out come from the tool; each needs to be paid or waived, unless it
 * already was (online, before the person came).
 */
async function settlePayments(trx: Transaction<TenantTables>, toolId: string, input: CheckOutInput, borrower: string | null, loanId?: string): Promise<Result<Amounts>> {
  const tool = await trx.selectFrom("tools").select(["number", "name", "deposit_cents", "fee_cents"]).where("id", "=", toolId).executeTakeFirstOrThrow();
  const paidBefore = new Set(loanId ? (await trx.selectFrom("ledger_entries").select("purpose").where("record_type", "=", "loan").where("record_id", "=", loanId).where("kind", "<>", "refund").execute()).map((row) => row.purpose) : []);
  // A person with a reduced tariff of nothing is not asked how they paid.
  const asks = async (cents: number | null) => (await payableAtDesk(trx, borrower, cents ?? 0)) > 0;
  if ((await asks(tool.deposit_cents)) && !input.deposit && !paidBefore.has("deposit")) return problem("deposit", "payment_required");
  if ((await asks(tool.fee_cents)) && !input.fee && !paidBefore.has("fee")) return problem("fee", "payment_required");
  return { ok: true, deposit: tool.deposit_cents, fee: tool.fee_cents, description: loanDescription(tool), paidBefore };
}

function handOut(amounts: Amounts, input: CheckOutInput, actor: string) {
  return {
    status: "on_loan" as const,
    checked_out_at: new Date(),
    checked_out_by: actor,
    condition_out: input.conditionOut,
    deposit_cents: amounts.deposit,
    fee_cents: amounts.fee,
  };
}

/** The deposit and the fee go into the ledger, paid in cash or waived, with the hand-out. */
async function recordHandOutPayments(trx: Transaction<TenantTables>, loanId: string, memberId: string | null, amounts: Amounts, input: CheckOutInput, actor: string) {
  const due = { module: "tool_library", recordType: "loan", recordId: loanId, description: amounts.description, memberId } as const;
  // Not asked (a reduced tariff of nothing): settled as "cash" of nothing, which writes the tariff's waiver.
  if (amounts.deposit && !amounts.paidBefore.has("deposit")) await settleAtDesk(trx, { ...due, purpose: "deposit", amountCents: amounts.deposit }, input.deposit ?? "cash", input.waivedReason, actor);
  if (amounts.fee && !amounts.paidBefore.has("fee")) await settleAtDesk(trx, { ...due, purpose: "fee", amountCents: amounts.fee }, input.fee ?? "cash", input.waivedReason, actor);
}

/** The previous borrower has not brought it back yet (an overdue loan does not block the calendar). */
async function stillOut(trx: Transaction<TenantTables>, toolId: string, exceptLoan?: string): Promise<boolean> {
  let query = trx.selectFrom("loans").select("id").where("tool_id", "=", toolId).where("status", "=", "on_loan");
  if (exceptLoan) query = query.where("id", "<>", exceptLoan);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The desk hands out a reserved tool. */
export async function checkOutReservation(db: TenantDb, loanId: string, input: CheckOutInput, actor: string, today: string): Promise<Result<object>> {
  return db.transaction().execute(async (trx) => {
    const loan = await trx
      .selectFrom("loans")
      .innerJoin("tools", "tools.id", "loans.tool_id")
      .select([
        "loans.tool_id",
        "loans.member_id",
        "loans.status",
        "tools.status as tool_status",
        sql<string>`lower(loans.period)::text`.as("start"),
        sql<string>`(upper(loans.period) - 1)::text`.as("due"),
      ])
      .where("loans.id", "=", loanId)
      .forUpdate()
      .executeTakeFirst();
    if (!loan || loan.status !== "reserved") return problem("form", "loan_not_reserved");
    if (loan.start > today) return problem("form", "pickup_not_yet");
    if (loan.due < today) return problem("form", "reservation_expired");
    if (loan.member_id && (await trx.selectFrom("lending_blocks").select("member_id").where("member_id", "=", loan.member_id).executeTakeFirst())) {
      return problem("form", "borrower_blocked");
    }
    if (loan.tool_status !== "available") return problem("form", "tool_not_lendable");
    if (await stillOut(trx, loan.tool_id)) return problem("form", "tool_still_out");
    const settled = await settlePayments(trx, loan.tool_id, input, loan.member_id, loanId);
    if (!settled.ok) return settled;
    await trx.updateTable("loans").set(handOut(settled, input, actor)).where("id", "=", loanId).execute();
    await recordHandOutPayments(trx, loanId, loan.member_id, settled, input, actor);
    return { ok: true };
  });
}

/** The walk-in form names its fields differently from a reservation. */
const walkInFields: Record<string, string> = { end: "due", tool: "toolNumber", member: "memberId" };

/**
 * The desk lends a tool on the spot. A new person is registered in the same transaction, after
 * every check has passed, so a refused loan never leaves a half-made person behind.
 */
export async function checkOutWalkIn(
  db: TenantDb,
  input: z.output<typeof walkInSchema> & CheckOutInput,
  actor: string,
  today: string,
): Promise<Result<{ loanId: string }>> {
  const tool = await db.selectFrom("tools").select("id").where("number", "=", input.toolNumber).executeTakeFirst();
  if (!tool) return problem("toolNumber", "tool_unknown");
  const wrongDates = checkDates(today, input.due, today);
  if (wrongDates) return { ...wrongDates, field: "due" };
  try {
    return await db.transaction().execute(async (trx) => {
      const wrong =
        (input.memberId ? await checkBorrower(trx, input.memberId, today) : null) ??
        (await checkTool(trx, { toolId: tool.id, start: today, end: input.due, checkOpeningDays: false }));
      if (wrong) return { ...wrong, field: walkInFields[wrong.field] ?? wrong.field };
      if (await stillOut(trx, tool.id)) return problem("toolNumber", "tool_still_out");
      const settled = await settlePayments(trx, tool.id, input, input.memberId || null);
      if (!settled.ok) return settled;
      const memberId = input.memberId || (await registerAtDesk(trx, { name: input.newName!, phone: input.newPhone, address: null, notes: null }, actor)).id;
      const loan = await trx
        .insertInto("loans")
        .values({ tool_id: tool.id, member_id: memberId, period: `[${today},${addDays(input.due, 1)})`, created_by: actor, ...handOut(settled, input, actor) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordHandOutPayments(trx, loan.id, memberId, settled, input, actor);
      return { ok: true as const, loanId: loan.id };
    });
  } catch (error) {
    if (isOverlap(error)) return problem("toolNumber", "tool_reserved");
    throw error;
  }
}

/** The ledger's reason for a deposit given back at the desk (the bookkeeper reads it; Dutch like the books). */
export const DEPOSIT_RETURNED = "Borg terug bij inleveren";

export const checkInSchema = z.object({
  conditionIn: optionalText(1000),
  depositReturned: checkbox,
  toRepair: checkbox,
});

/**
 * The desk takes a tool back: condition notes, deposit returned, and if it is damaged it goes
 * straight to repair (with the notes in its maintenance log).
 */
export async function checkIn(db: TenantDb, loanId: string, input: z.output<typeof checkInSchema>, actor: string): Promise<Result<object>> {
  return db.transaction().execute(async (trx) => {
    const loan = await trx
      .updateTable("loans")
      .set({
        status: "returned",
        returned_at: new Date(),
        returned_by: actor,
        condition_in: input.conditionIn,
      })
      .where("id", "=", loanId)
      .where("status", "=", "on_loan")
      .returning("tool_id")
      .executeTakeFirst();
    if (!loan) return problem("form", "loan_not_out");
    if (input.depositReturned) await returnCash(trx, "loan", loanId, "deposit", DEPOSIT_RETURNED, actor);
    if (input.toRepair) {
      await trx.updateTable("tools").set({ status: "in_repair", updated_at: new Date() }).where("id", "=", loan.tool_id).execute();
      await trx.insertInto("tool_maintenance").values({ tool_id: loan.tool_id, member_id: actor, kind: "to_repair", note: input.conditionIn }).execute();
    }
    return { ok: true };
  });
}

/** One loan with everything the desk needs to hand it out or take it back. */
export async function loanForDesk(db: TenantDb, loanId: string) {
  const loan = await db
    .selectFrom("loans")
    .innerJoin("tools", "tools.id", "loans.tool_id")
    .leftJoin("members", "members.id", "loans.member_id")
    .select((eb) => [
      ...loanColumns,
      ...handOutRecordColumns(eb),
      "tools.deposit_cents as tool_deposit_cents",
      "tools.fee_cents as tool_fee_cents",
      "tools.needs_instruction",
      "tools.safety_notes",
      "tools.location",
      "tools.status as tool_status",
      "members.id as member_id",
      "members.name as member_name",
      "members.phone as member_phone",
    ])
    .where("loans.id", "=", loanId)
    .executeTakeFirst();
  if (!loan) return null;
  // What the borrower pays at hand-out: the tool's amounts, or their reduced tariff's share.
  const [depositDue, feeDue] = await Promise.all([payableAtDesk(db, loan.member_id, loan.tool_deposit_cents ?? 0), payableAtDesk(db, loan.member_id, loan.tool_fee_cents ?? 0)]);
  return { ...loan, deposit_due_cents: depositDue, fee_due_cents: feeDue };
}

/**
 * The desk's day: reservations to hand out (today or earlier, not yet collected), tools out now
 * and which of those are overdue (due before today).
 */
const deskLoans = (db: TenantDb) =>
  db
    .selectFrom("loans")
    .innerJoin("tools", "tools.id", "loans.tool_id")
    .leftJoin("members", "members.id", "loans.member_id")
    .select([...loanColumns, "members.name as member_name", "members.phone as member_phone"]);

/** Reserved from today or earlier, still running and not collected: the desk hands these out. */
const awaitingHandOut = (today: string) =>
  sql<SqlBool>`loans.status = 'reserved' and lower(loans.period) <= ${today}::date and upper(loans.period) > ${today}::date`;
/** Out after its last day (the period's upper bound is the day after it). */
const overdue = (today: string) => sql<SqlBool>`loans.status = 'on_loan' and upper(loans.period) <= ${today}::date`;

export async function deskOverview(db: TenantDb, today: string) {
  const base = deskLoans(db);
  const [toHandOut, out] = await Promise.all([
    base.where(awaitingHandOut(today)).orderBy("loans.period").execute(),
    base.where("loans.status", "=", "on_loan").orderBy(sql`upper(loans.period)`).execute(),
  ]);
  return { toHandOut, out: out.filter((loan) => loan.due >= today), overdue: out.filter((loan) => loan.due < today) };
}

/** How many loans the desk must act on today (the header's badge): to hand out, and late. */
export async function deskCounts(db: TenantDb, today: string): Promise<{ toHandOut: number; overdue: number }> {
  const row = await db
    .selectFrom("loans")
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere(awaitingHandOut(today)).as("toHandOut"),
      eb.fn.countAll<string>().filterWhere(overdue(today)).as("overdue"),
    ])
    .where("loans.status", "in", ["reserved", "on_loan"])
    .executeTakeFirstOrThrow();
  return { toHandOut: Number(row.toHandOut), overdue: Number(row.overdue) };
}

/**
 * One tool's loan out now and its reservations still to come, for the tool's desk page (the page
 * its QR code opens).
 */
export function openLoansOfTool(db: TenantDb, toolId: string, today: string) {
  return deskLoans(db)
    .where("loans.tool_id", "=", toolId)
    .where((w) => w.or([w("loans.status", "=", "on_loan"), w.and([w("loans.status", "=", "reserved"), sql<SqlBool>`upper(loans.period) > ${today}::date`])]))
    .orderBy("loans.period")
    .execute();
}

/** Reservations coming up after today, for the desk to see what is promised. */
export function upcomingReservations(db: TenantDb, today: string) {
  return deskLoans(db)
    .where("loans.status", "=", "reserved")
    .where(sql`lower(loans.period)`, ">", sql`${today}::date`)
    .orderBy("loans.period")
    .limit(200)
    .execute();
}

/**
 * Reservations whose last day has passed without being collected are cancelled (by the daily job),
 * so they stop holding days, counting towards the borrower's maximum and cluttering the desk.
 */
export async function expireUncollectedReservations(db: TenantDb, today: string): Promise<number> {
  const result = await db
    .updateTable("loans")
    .set({ status: "cancelled", cancelled_at: new Date() })
    .where("status", "=", "reserved")
    .where(sql`upper(period)`, "<=", sql`${today}::date`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
