import { sql, type Transaction } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import type { TenantTables } from "~/db/tables";
import { isIsoDay, TIME_ZONE } from "~/dates";
import { optionalText } from "~/forms";

/**
 * Repair café sessions. A session is cut into slots when it is planned; the slots are stored with
 * their capacity (the number of fixers). A booking takes one numbered place in a slot: the slot row
 * is locked while its free places are counted, and the unique (slot, place) constraint makes a
 * double booking impossible even if that lock were ever forgotten.
 */

export const MAX_SLOTS = 40;
/** The repairs that can be brought to a session: not yet being worked on. */
export const linkableRepairStatuses = ["registered", "planned"] as const;

export type CafeProblem = { ok: false; field: string; error: string };
type Result<T = object> = ({ ok: true } & T) | CafeProblem;
const problem = (field: string, error: string): CafeProblem => ({ ok: false, field, error });

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The time now in the Netherlands, as "HH:MM". */
export function localTime(now: Date = new Date()): string {
  return timeFormat.format(now);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The whole slots from `start` to `end`; a rest shorter than one slot is left out. */
export function slotTimes(start: string, end: string, minutes: number): { start: string; end: string }[] {
  const slots = [];
  for (let at = minutesOf(start); at + minutes <= minutesOf(end); at += minutes) slots.push({ start: timeOf(at), end: timeOf(at + minutes) });
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Planning (coordinators)

const time = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, error);
const whole = (min: number, max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^\d{1,4}$/, error)
    .transform(Number)
    .refine((n) => n >= min && n <= max, error);

export const sessionSchema = z
  .object({
    day: z.string({ error: "date_invalid" }).trim().refine(isIsoDay, "date_invalid"),
    start: time("cafe_time_invalid"),
    end: time("cafe_time_invalid"),
    slotMinutes: whole(5, 120, "cafe_slot_minutes_invalid"),
    places: whole(1, 20, "cafe_places_invalid"),
    location: optionalText(200),
    description: optionalText(1000),
  })
  .superRefine((form, context) => {
    if (form.end <= form.start) context.addIssue({ code: "custom", path: ["end"], message: "cafe_end_before_start" });
    else {
      const count = slotTimes(form.start, form.end, form.slotMinutes).length;
      if (count === 0) context.addIssue({ code: "custom", path: ["slotMinutes"], message: "cafe_no_slots" });
      if (count > MAX_SLOTS) context.addIssue({ code: "custom", path: ["slotMinutes"], message: "cafe_too_many_slots" });
    }
  });
export type SessionInput = z.output<typeof sessionSchema>;

/** Plans a session and stores its slots, in one transaction. */
export async function planSession(db: TenantDb, input: SessionInput, actor: string, today: string): Promise<Result<{ sessionId: string }>> {
  if (input.day < today) return problem("day", "date_in_past");
  const slots = slotTimes(input.start, input.end, input.slotMinutes);
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .insertInto("repair_cafe_sessions")
      .values({
        day: input.day,
        starts_at: input.start,
        ends_at: input.end,
        slot_minutes: input.slotMinutes,
        places: input.places,
        location: input.location,
        description: input.description,
        created_by: actor,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("repair_cafe_slots")
      .values(slots.map((slot) => ({ session_id: session.id, starts_at: slot.start, ends_at: slot.end, capacity: input.places })))
      .execute();
    return { ok: true as const, sessionId: session.id };
  });
}

/** Cancels a session; its bookings stay, so people can see it was cancelled. False when unknown or already cancelled. */
export async function cancelSession(db: TenantDb, sessionId: string, actor: string): Promise<boolean> {
  const result = await db
    .updateTable("repair_cafe_sessions")
    .set({ cancelled_at: new Date(), cancelled_by: actor })
    .where("id", "=", sessionId)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// Reading

const sessionColumns = [
  "repair_cafe_sessions.id",
  sql<string>`repair_cafe_sessions.day::text`.as("day"),
  sql<string>`to_char(repair_cafe_sessions.starts_at, 'HH24:MI')`.as("start"),
  sql<string>`to_char(repair_cafe_sessions.ends_at, 'HH24:MI')`.as("end"),
  "repair_cafe_sessions.slot_minutes",
  "repair_cafe_sessions.places",
  "repair_cafe_sessions.location",
  "repair_cafe_sessions.description",
  "repair_cafe_sessions.cancelled_at",
] as const;

function slotsOf(db: TenantDb, sessionIds: string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("repair_cafe_slots")
    .select([
      "repair_cafe_slots.id",
      "repair_cafe_slots.session_id",
      sql<string>`to_char(repair_cafe_slots.starts_at, 'HH24:MI')`.as("start"),
      sql<string>`to_char(repair_cafe_slots.ends_at, 'HH24:MI')`.as("end"),
      "repair_cafe_slots.capacity",
      (eb) =>
        eb
          .selectFrom("repair_cafe_bookings as b")
          .select((b) => b.fn.countAll<string>().as("n"))
          .whereRef("b.slot_id", "=", "repair_cafe_slots.id")
          .as("booked"),
    ])
    .where("repair_cafe_slots.session_id", "in", sessionIds)
    .orderBy("repair_cafe_slots.starts_at")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, booked: Number(row.booked ?? 0) })));
}

/** Sessions from today on that are not cancelled, with their slots and how many places are taken. */
export async function upcomingSessions(db: TenantDb, today: string) {
  const sessions = await db
    .selectFrom("repair_cafe_sessions")
    .select(sessionColumns)
    .where("day", ">=", today)
    .where("cancelled_at", "is", null)
    .orderBy("day")
    .orderBy("starts_at")
    .limit(50)
    .execute();
  const slots = await slotsOf(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((session) => ({ ...session, slots: slots.filter((slot) => slot.session_id === session.id) }));
}

/** For the desk: sessions from today on (cancelled ones too), with places taken and in total. */
export async function sessionsForDesk(db: TenantDb, today: string) {
  return db
    .selectFrom("repair_cafe_sessions")
    .select([
      ...sessionColumns,
      (eb) =>
        eb
          .selectFrom("repair_cafe_bookings as b")
          .select((b) => b.fn.countAll<string>().as("n"))
          .whereRef("b.session_id", "=", "repair_cafe_sessions.id")
          .as("booked"),
      (eb) =>
        eb
          .selectFrom("repair_cafe_slots as s")
          .select(sql<string>`coalesce(sum(s.capacity), 0)`.as("n"))
          .whereRef("s.session_id", "=", "repair_cafe_sessions.id")
          .as("capacity"),
    ])
    .where("day", ">=", today)
    .orderBy("day")
    .orderBy("starts_at")
    .limit(100)
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, booked: Number(row.booked ?? 0), capacity: Number(row.capacity ?? 0) })));
}

/** One session with every slot and who booked it (names for coordinators and volunteers); null when unknown. */
export async function sessionForDesk(db: TenantDb, sessionId: string) {
  const session = await db.selectFrom("repair_cafe_sessions").select(sessionColumns).where("id", "=", sessionId).executeTakeFirst();
  if (!session) return null;
  const [slots, bookings] = await Promise.all([
    slotsOf(db, [sessionId]),
    db
      .selectFrom("repair_cafe_bookings")
      .innerJoin("members", "members.id", "repair_cafe_bookings.member_id")
      .leftJoin("repairs", "repairs.id", "repair_cafe_bookings.repair_id")
      .select(["repair_cafe_bookings.id", "repair_cafe_bookings.slot_id", "members.name", "repairs.id as repair_id", "repairs.number as repair_number", "repairs.kind", "repairs.brand"])
      .where("repair_cafe_bookings.session_id", "=", sessionId)
      .orderBy("repair_cafe_bookings.place_no")
      .execute(),
  ]);
  return { session, slots: slots.map((slot) => ({ ...slot, bookings: bookings.filter((b) => b.slot_id === slot.id) })) };
}

/** Someone's own bookings from today on, cancelled sessions included (so they see it). */
export function bookingsOf(db: TenantDb, memberId: string, today: string) {
  return db
    .selectFrom("repair_cafe_bookings")
    .innerJoin("repair_cafe_slots", "repair_cafe_slots.id", "repair_cafe_bookings.slot_id")
    .innerJoin("repair_cafe_sessions", "repair_cafe_sessions.id", "repair_cafe_bookings.session_id")
    .leftJoin("repairs", "repairs.id", "repair_cafe_bookings.repair_id")
    .select([
      "repair_cafe_bookings.id",
      "repair_cafe_bookings.session_id",
      sql<string>`repair_cafe_sessions.day::text`.as("day"),
      sql<string>`to_char(repair_cafe_slots.starts_at, 'HH24:MI')`.as("start"),
      sql<string>`to_char(repair_cafe_slots.ends_at, 'HH24:MI')`.as("end"),
      "repair_cafe_sessions.location",
      "repair_cafe_sessions.cancelled_at",
      "repairs.kind",
      "repairs.brand",
    ])
    .where("repair_cafe_bookings.member_id", "=", memberId)
    .where("repair_cafe_sessions.day", ">=", today)
    .orderBy("repair_cafe_sessions.day")
    .orderBy("repair_cafe_slots.starts_at")
    .execute();
}

/** The person's own repairs that can be brought along. */
export function linkableRepairsOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("repairs")
    .select(["id", "number", "kind", "brand"])
    .where("member_id", "=", memberId)
    .where("status", "in", [...linkableRepairStatuses])
    .orderBy("created_at")
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Booking (members)

export const bookingSchema = z.object({
  slotId: z.uuid({ error: "cafe_slot_required" }),
  repairId: z.union([z.uuid({ error: "cafe_repair_invalid" }), z.literal("")]).optional(),
});

const uniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";
const isOnceRule = (error: unknown) => {
  const { constraint, message } = error as { constraint?: string; message?: string };
  return `${constraint ?? ""} ${message ?? ""}`.includes("repair_cafe_bookings_once");
};

async function checkRepair(trx: Transaction<TenantTables>, repairId: string, memberId: string): Promise<CafeProblem | null> {
  const repair = await trx
    .selectFrom("repairs")
    .select("id")
    .where("id", "=", repairId)
    .where("member_id", "=", memberId)
    .where("status", "in", [...linkableRepairStatuses])
    .executeTakeFirst();
  return repair ? null : problem("repairId", "cafe_repair_invalid");
}

/**
 * A member books a place in a slot, optionally for one of their own open repairs. `today` and
 * `now` ("HH:MM") are Dutch time: a slot that has started can no longer be booked.
 */
export async function bookSlot(
  db: TenantDb,
  input: { slotId: string; repairId?: string | null; memberId: string; today: string; now: string },
): Promise<Result<{ bookingId: string }>> {
  try {
    return await db.transaction().execute(async (trx) => {
      // The lock: everyone booking this slot waits here, and counts after the one before them committed.
      const slot = await trx
        .selectFrom("repair_cafe_slots")
        .select(["session_id", "capacity", sql<string>`to_char(starts_at, 'HH24:MI')`.as("start")])
        .where("id", "=", input.slotId)
        .forUpdate()
        .executeTakeFirst();
      if (!slot) return problem("slotId", "cafe_slot_unknown");
      const session = await trx
        .selectFrom("repair_cafe_sessions")
        .select([sql<string>`day::text`.as("day"), "cancelled_at"])
        .where("id", "=", slot.session_id)
        .forShare()
        .executeTakeFirstOrThrow();
      if (session.cancelled_at) return problem("slotId", "cafe_session_cancelled");
      if (session.day < input.today || (session.day === input.today && slot.start <= input.now)) return problem("slotId", "cafe_slot_past");
      const already = await trx
        .selectFrom("repair_cafe_bookings")
        .select("id")
        .where("session_id", "=", slot.session_id)
        .where("member_id", "=", input.memberId)
        .executeTakeFirst();
      if (already) return problem("slotId", "cafe_already_booked");
      if (input.repairId) {
        const wrong = await checkRepair(trx, input.repairId, input.memberId);
        if (wrong) return wrong;
      }
      const taken = new Set(
        (await trx.selectFrom("repair_cafe_bookings").select("place_no").where("slot_id", "=", input.slotId).execute()).map((row) => row.place_no),
      );
      const place = Array.from({ length: slot.capacity }, (_, i) => i + 1).find((n) => !taken.has(n));
      if (place === undefined) return problem("slotId", "cafe_slot_full");
      const booking = await trx
        .insertInto("repair_cafe_bookings")
        .values({ slot_id: input.slotId, session_id: slot.session_id, member_id: input.memberId, repair_id: input.repairId || null, place_no: place })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ok: true as const, bookingId: booking.id };
    });
  } catch (error) {
    if (uniqueViolation(error)) return problem("slotId", isOnceRule(error) ? "cafe_already_booked" : "cafe_slot_full");
    throw error;
  }
}

/** The member cancels their own booking. False when it is not theirs (or does not exist). */
export async function cancelBooking(db: TenantDb, bookingId: string, memberId: string): Promise<boolean> {
  const result = await db.deleteFrom("repair_cafe_bookings").where("id", "=", bookingId).where("member_id", "=", memberId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Everything the repair café keeps about one person, for their data export. */
export function repairCafeDataOf(db: TenantDb, memberId: string) {
  return bookingsOf(db, memberId, "0001-01-01");
}
