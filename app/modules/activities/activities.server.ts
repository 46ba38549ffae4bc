import { sql, type Transaction } from "kysely";
import { z } from "zod";
import { platformDbAlongside, type TenantDb } from "~/db/accessors.server";
import type { OfferingKind, TenantRow, TenantTables } from "~/db/tables";
import { formatDay, isIsoDay } from "~/dates";
import { checkbox, optionalText, requiredText } from "~/forms";
import { messages } from "~/i18n/messages";
import { queueEmail } from "~/modules/email/outbox.server";
import { registerAtDesk } from "~/modules/members/members.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { euroCentsSchema } from "~/money";
import { dateHasBegun, signupClosed } from "./moments.server";
import { scheduleDays, scheduleRule, scheduleSchema, type ScheduleInput } from "./schedule";
import { activityCategories, activityKinds, type ActivityCategory, type ActivityKind } from "./tables";

/**
 * Activities and signing up for their dates. Every change to a date's places locks that date's row
 * first, so sign-ups, cancellations and promotions from the waiting list happen one after another;
 * the `activity_dates_within_capacity` check is the backstop if that lock were ever forgotten.
 */

export type ActivityProblem = { ok: false; error: string };
type Result<T = object> = ({ ok: true } & T) | ActivityProblem;
const problem = (error: string): ActivityProblem => ({ ok: false, error });

/** What a coordinator tells about an activity; the schedule is asked for when it is created. */
export const activityDetailsSchema = z.object({
  title: requiredText(120, "activity_title_required"),
  description: optionalText(2000),
  kind: z.enum(activityKinds, { error: "activity_kind_invalid" }).default("activity"),
  category: z.enum(activityCategories, { error: "activity_category_invalid" }),
  location: optionalText(200),
  accessibility: optionalText(500),
  audience: optionalText(200),
  price: euroCentsSchema.transform((cents) => cents ?? 0),
  capacity: z.coerce
    .number({ error: "activity_capacity_invalid" })
    .int("activity_capacity_invalid")
    .min(1, "activity_capacity_invalid")
    .max(500, "activity_capacity_invalid"),
  signupRequired: checkbox,
  signupClosesHours: z.coerce
    .number({ error: "activity_closes_invalid" })
    .int("activity_closes_invalid")
    .min(0, "activity_closes_invalid")
    .max(336, "activity_closes_invalid")
    .default(0),
});
export type ActivityDetails = z.output<typeof activityDetailsSchema>;

/** The form for a new activity: its details and its schedule, each checked by its own schema. */
export const newActivitySchema = z.intersection(activityDetailsSchema, scheduleSchema);

export interface ActivityInput extends Partial<Omit<ActivityDetails, "title" | "capacity">> {
  title: string;
  capacity: number;
  kind?: ActivityKind;
  category?: ActivityCategory;
  schedule: ScheduleInput;
}

/** Meals are planned as activities too, when the neighbourhood runs a kitchen. */
export function kindsOffered(modules: readonly OfferingKind[]): ActivityKind[] {
  return modules.includes("kitchen") ? ["activity", "meal"] : ["activity"];
}

/** Stores an activity and one row for each date of its schedule, in one transaction. */
export async function createActivity(db: TenantDb, input: ActivityInput, actor: string | null): Promise<{ activityId: string; dateIds: string[] }> {
  const rule = scheduleRule(input.schedule);
  return db.transaction().execute(async (trx) => {
    const activity = await trx
      .insertInto("activities")
      .values({
        title: input.title,
        description: input.description ?? null,
        kind: input.kind ?? "activity",
        category: input.category ?? (input.kind === "meal" ? "food" : "meeting"),
        location: input.location ?? null,
        accessibility: input.accessibility ?? null,
        audience: input.audience ?? null,
        price_cents: input.price ?? 0,
        signup_required: input.signupRequired ?? true,
        signup_closes_hours: input.signupClosesHours ?? 0,
        schedule_rule: rule,
        starts_at: input.schedule.start,
        ends_at: input.schedule.end,
        capacity: input.capacity,
        created_by: actor,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const dates = await trx
      .insertInto("activity_dates")
      .values(
        scheduleDays(rule).map((day) => ({
          activity_id: activity.id,
          day,
          starts_at: input.schedule.start,
          ends_at: input.schedule.end,
          capacity: input.capacity,
        })),
      )
      .returning("id")
      .execute();
    return { activityId: activity.id, dateIds: dates.map((date) => date.id) };
  });
}

const guests = z.coerce.number({ error: "activity_guests_invalid" }).int("activity_guests_invalid").min(0, "activity_guests_invalid").max(10, "activity_guests_invalid");

/** A member signing themselves up for one date, or (without a date) for the whole series. */
export const signupSchema = z.object({ dateId: z.uuid({ error: "activity_date_required" }), guests });
export const seriesSignupSchema = z.object({ guestsEach: guests });
/** The desk signing someone up, or noting a walk-in: a person found by name, or someone new. */
export const deskSignupSchema = z
  .object({
    memberId: z.union([z.uuid({ error: "activity_person_required" }), z.literal("")]).optional(),
    newName: optionalText(100),
    newPhone: optionalText(30),
    guests: guests.default(0),
  })
  .superRefine((form, context) => {
    if (!form.memberId && !form.newName) context.addIssue({ code: "custom", path: ["memberId"], message: "activity_person_required" });
  });
export type DeskPerson = Partial<Pick<z.output<typeof deskSignupSchema>, "memberId" | "newName" | "newPhone">>;

/** The person the desk chose, or the new person it registers (without a login) in the same transaction. */
export async function deskPersonId(trx: Transaction<TenantTables>, person: DeskPerson, actor: string): Promise<string | null> {
  // A chosen person may have been erased since the page was loaded.
  if (person.memberId) return (await trx.selectFrom("members").select("id").where("id", "=", person.memberId).executeTakeFirst())?.id ?? null;
  return (await registerAtDesk(trx, { name: person.newName!, phone: person.newPhone ?? null, address: null, notes: null }, actor)).id;
}

/** The desk signs someone up for a date, also after sign-up closed for the public. */
export async function deskSignUp(db: TenantDb, input: { dateId: string; guests: number } & DeskPerson, actor: string) {
  return db.transaction().execute(async (trx) => {
    const memberId = await deskPersonId(trx, input, actor);
    if (!memberId) return problem("activity_person_required");
    return signUpWithin(trx, { dateId: input.dateId, memberId, guests: input.guests, byDesk: true });
  });
}

/**
 * Signs a person (with guests) up for one date: confirmed while the places last, else on the
 * waiting list in order of arrival.
 */
export async function signUp(db: TenantDb, input: SignupInput): Promise<Result<{ signupId: string; status: "confirmed" | "waiting" }>> {
  return db.transaction().execute((trx) => signUpWithin(trx, input));
}

export interface SignupInput {
  dateId: string;
  memberId: string;
  guests: number;
  /** The desk may still sign someone up after sign-up has closed for the public. */
  byDesk?: boolean;
}

/**
 * The same inside a caller's transaction, so a module that stores more with a sign-up (the kitchen's
 * allergy answers) keeps both or neither. Locks the date's row until that transaction ends.
 */
export async function signUpWithin(trx: Transaction<TenantTables>, input: SignupInput): Promise<Result<{ signupId: string; status: "confirmed" | "waiting" }>> {
  const date = await trx
    .selectFrom("activity_dates")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select([
      "activity_dates.capacity",
      "activity_dates.places_taken",
      "activity_dates.cancelled_at",
      "activities.signup_required",
      signupClosed.as("closed"),
    ])
    .where("activity_dates.id", "=", input.dateId)
    .forUpdate("activity_dates")
    .executeTakeFirst();
  if (!date) return problem("activity_date_unknown");
  if (date.cancelled_at) return problem("activity_date_cancelled");
  if (!date.signup_required) return problem("activity_no_signup_needed");
  if (date.closed && !input.byDesk) return problem("activity_signup_closed");
  const already = await trx
    .selectFrom("activity_signups")
    .select("id")
    .where("date_id", "=", input.dateId)
    .where("member_id", "=", input.memberId)
    .executeTakeFirst();
  if (already) return problem("activity_already_signed_up");
  const places = 1 + input.guests;
  if (places > date.capacity) return problem("activity_group_too_big");
  // Nobody passes the people already waiting: a free place is theirs first (see releaseSignup).
  const someoneWaits = await trx.selectFrom("activity_signups").select("id").where("date_id", "=", input.dateId).where("status", "=", "waiting").executeTakeFirst();
  const status = !someoneWaits && date.places_taken + places <= date.capacity ? "confirmed" : "waiting";
  if (status === "confirmed") {
    await trx.updateTable("activity_dates").set({ places_taken: date.places_taken + places }).where("id", "=", input.dateId).execute();
  }
  const signup = await trx
    .insertInto("activity_signups")
    .values({ date_id: input.dateId, member_id: input.memberId, guests: input.guests, status })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, signupId: signup.id, status };
}

/**
 * Takes a person off a date. Places that come free go to the waiting list in order of arrival;
 * someone whose group does not fit yet keeps their turn, so nobody behind them jumps the queue.
 * Everyone promoted gets an email; people without one wait on the desk's call list.
 */
export async function cancelSignup(db: TenantDb, input: { dateId: string; memberId: string }, context: MailContext): Promise<Result<{ promoted: string[] }>> {
  return db.transaction().execute(async (trx) => {
    const passed = await trx
      .selectFrom("activity_dates")
      .select("id")
      .where("id", "=", input.dateId)
      .where(dateHasBegun)
      .executeTakeFirst();
    if (passed) return problem("activity_date_passed");
    const released = await releaseSignup(trx, input);
    if (released.ok && released.promoted.length > 0) await tellPromoted(trx, input.dateId, released.promoted, context);
    return released;
  });
}

async function releaseSignup(trx: Transaction<TenantTables>, input: { dateId: string; memberId: string }): Promise<Result<{ promoted: string[] }>> {
  const date = await trx
    .selectFrom("activity_dates")
    .select(["capacity", "places_taken"])
    .where("id", "=", input.dateId)
    .forUpdate()
    .executeTakeFirst();
  if (!date) return problem("activity_date_unknown");
  const signup = await trx
    .deleteFrom("activity_signups")
    .where("date_id", "=", input.dateId)
    .where("member_id", "=", input.memberId)
    .returning(["status", "guests"])
    .executeTakeFirst();
  if (!signup) return problem("activity_not_signed_up");
  const taken = date.places_taken - (signup.status === "confirmed" ? 1 + signup.guests : 0);
  return { ok: true, promoted: await promoteWaiting(trx, input.dateId, { capacity: date.capacity, taken }) };
}

/**
 * Gives free places of a locked date to the waiting list in order of arrival, and stores how many
 * places are taken now. A group that does not fit yet keeps its turn. Answers who got a place.
 */
async function promoteWaiting(trx: Transaction<TenantTables>, dateId: string, places: { capacity: number; taken: number }): Promise<string[]> {
  let taken = places.taken;
  const waiting = await trx
    .selectFrom("activity_signups")
    .select(["id", "member_id", "guests"])
    .where("date_id", "=", dateId)
    .where("status", "=", "waiting")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const promoted: string[] = [];
  for (const next of waiting) {
    if (taken + 1 + next.guests > places.capacity) break;
    taken += 1 + next.guests;
    promoted.push(next.member_id);
    await trx.updateTable("activity_signups").set({ status: "confirmed", promoted_at: new Date() }).where("id", "=", next.id).execute();
  }
  await trx.updateTable("activity_dates").set({ places_taken: taken }).where("id", "=", dateId).execute();
  return promoted;
}

/**
 * When a person erases their data: their sign-ups go, and the places they held go to the waiting
 * list as if they had cancelled (deleting the member row alone would leave the places taken).
 */
export async function forgetActivitiesOf(trx: Transaction<TenantTables>, memberId: string): Promise<void> {
  const signups = await trx.selectFrom("activity_signups").select("date_id").where("member_id", "=", memberId).orderBy("date_id").execute();
  for (const signup of signups) await releaseSignup(trx, { dateId: signup.date_id, memberId });
}

/** A person's sign-ups, for the export of their own data. */
export function activityDataOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("activity_signups")
    .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select(["activities.title", sql<string>`activity_dates.day::text`.as("day"), "activity_signups.guests", "activity_signups.status", "activity_signups.created_at"])
    .where("activity_signups.member_id", "=", memberId)
    .orderBy("activity_dates.day")
    .execute();
}

/** What an email to a neighbourhood's people needs to say who sends it and where to look. */
export interface MailContext {
  tenant: { id: string; name: string };
  /** The neighbourhood's own address, for the link in the email. */
  siteUrl: string;
}

/** The mail context of a request on a neighbourhood's own host. */
export function mailContextOf(context: { platformUrl: string }, tenant: TenantRow): MailContext {
  return { tenant: { id: tenant.id, name: tenant.name }, siteUrl: neighbourhoodUrl(context.platformUrl, tenant) };
}

export const cancelDateSchema = z.object({ reason: requiredText(500, "activity_cancel_reason_required") });

export const moveDateSchema = z
  .object({
    day: z.string({ error: "date_invalid" }).trim().refine(isIsoDay, "date_invalid"),
    start: scheduleSchema.shape.start,
    end: scheduleSchema.shape.end,
    // Not "reason": the page that moves a date also has the form that calls it off.
    moveReason: requiredText(500, "activity_move_reason_required"),
  })
  .refine((form) => form.end > form.start, { path: ["end"], message: "activity_end_before_start" });

/** Someone who could not be emailed about a change, for the desk to phone. */
export interface PersonToCall {
  name: string;
  phone: string | null;
}

/**
 * Calls off one date of an activity. Everyone signed up (and everyone waiting) gets an email with
 * the reason, queued in the same transaction; people without an email address are returned, so
 * the desk can phone them (they also stay on the desk's call list until someone did).
 */
export async function cancelDate(db: TenantDb, input: { dateId: string; reason: string }, context: MailContext): Promise<Result<{ toCall: PersonToCall[] }>> {
  return db.transaction().execute(async (trx) => {
    const date = await trx
      .updateTable("activity_dates")
      .set({ cancelled_at: new Date(), cancel_reason: input.reason })
      .where("id", "=", input.dateId)
      .where("cancelled_at", "is", null)
      .returning(["activity_id", sql<string>`day::text`.as("day")])
      .executeTakeFirst();
    if (!date) return problem((await dateExists(trx, input.dateId)) ? "activity_date_cancelled" : "activity_date_unknown");
    const text = messages.nl.activities.emails.dateCancelled;
    const toCall = await tellEveryone(trx, input.dateId, context, (title, name, link) => ({
      subject: text.subject(title, formatDay(date.day, "nl")),
      body: text.body(name, title, formatDay(date.day, "nl"), input.reason, context.tenant.name, link),
    }));
    return { ok: true, toCall };
  });
}

/**
 * Moves one date to another day or time, with a reason; everyone on it is told as when it is
 * called off. Sign-ups stay: people can take themselves off if the new time does not suit them.
 */
export async function moveDate(
  db: TenantDb,
  input: z.output<typeof moveDateSchema> & { dateId: string },
  context: MailContext,
): Promise<Result<{ toCall: PersonToCall[] }>> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("activity_dates")
      .select(["activity_id", sql<string>`day::text`.as("day"), "starts_at", "cancelled_at"])
      .where("id", "=", input.dateId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return problem("activity_date_unknown");
    if (before.cancelled_at) return problem("activity_date_cancelled");
    const clash = await trx
      .selectFrom("activity_dates")
      .select("id")
      .where("activity_id", "=", before.activity_id)
      .where("day", "=", input.day)
      .where("id", "!=", input.dateId)
      .executeTakeFirst();
    if (clash) return problem("activity_day_taken");
    await trx
      .updateTable("activity_dates")
      .set({ day: input.day, starts_at: input.start, ends_at: input.end, moved_at: new Date(), move_reason: input.moveReason })
      .where("id", "=", input.dateId)
      .execute();
    const text = messages.nl.activities.emails.dateMoved;
    const from = `${formatDay(before.day, "nl")} ${before.starts_at.slice(0, 5)}`;
    const to = `${formatDay(input.day, "nl")} ${input.start}`;
    const toCall = await tellEveryone(trx, input.dateId, context, (title, name, link) => ({
      subject: text.subject(title, to),
      body: text.body(name, title, from, to, input.moveReason, context.tenant.name, link),
    }));
    return { ok: true, toCall };
  });
}

const dateExists = async (trx: Transaction<TenantTables>, dateId: string) =>
  Boolean(await trx.selectFrom("activity_dates").select("id").where("id", "=", dateId).executeTakeFirst());

type Letter = (title: string, name: string, link: string) => { subject: string; body: string };

/**
 * Emails everyone signed up for a date (or waiting, or only the given people) and notes that they
 * were told; answers the people without an email address, who stay on the desk's call list.
 */
async function tellEveryone(trx: Transaction<TenantTables>, dateId: string, context: MailContext, letter: Letter, only?: string[]): Promise<PersonToCall[]> {
  let query = trx
    .selectFrom("activity_signups")
    .innerJoin("members", "members.id", "activity_signups.member_id")
    .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select(["activity_signups.id", "activity_dates.activity_id", "activities.title", "members.name", "members.phone", "members.account_id"])
    .where("activity_signups.date_id", "=", dateId)
    .where("activity_signups.status", "!=", "walk_in")
    .orderBy("activity_signups.created_at");
  if (only) query = query.where("activity_signups.member_id", "in", only);
  const people = await query.execute();
  const platform = platformDbAlongside(trx);
  const accountIds = people.flatMap((person) => (person.account_id ? [person.account_id] : []));
  const accounts = accountIds.length
    ? await platform.selectFrom("accounts").select(["id", "email"]).where("id", "in", accountIds).where("disabled_at", "is", null).execute()
    : [];
  const emailOf = new Map(accounts.map((account) => [account.id, account.email]));
  const toCall: PersonToCall[] = [];
  const told: string[] = [];
  for (const person of people) {
    const email = person.account_id ? emailOf.get(person.account_id) : undefined;
    if (!email) {
      toCall.push({ name: person.name, phone: person.phone });
      continue;
    }
    const link = new URL(`/agenda/${person.activity_id}`, context.siteUrl).href;
    await queueEmail(platform, context.tenant.id, { to: email, ...letter(person.title, person.name, link) });
    told.push(person.id);
  }
  if (told.length) await trx.updateTable("activity_signups").set({ notified_at: new Date() }).where("id", "in", told).execute();
  return toCall;
}

/** Tells the people who got a place from the waiting list. */
async function tellPromoted(trx: Transaction<TenantTables>, dateId: string, memberIds: string[], context: MailContext): Promise<void> {
  const date = await trx.selectFrom("activity_dates").select([sql<string>`day::text`.as("day"), "starts_at"]).where("id", "=", dateId).executeTakeFirstOrThrow();
  const text = messages.nl.activities.emails.placeFree;
  const when = `${formatDay(date.day, "nl")} ${date.starts_at.slice(0, 5)}`;
  await tellEveryone(
    trx,
    dateId,
    context,
    (title, name, link) => ({ subject: text.subject(title, when), body: text.body(name, title, when, context.tenant.name, link) }),
    memberIds,
  );
}

/** The desk phoned someone about a change or a place from the waiting list. */
export async function markCalled(db: TenantDb, signupId: string): Promise<boolean> {
  const updated = await db.updateTable("activity_signups").set({ notified_at: new Date() }).where("id", "=", signupId).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Signs a person up for every coming date of a series that is still open; dates that are full put
 * them on the waiting list. Dates are locked in order of day, so two series sign-ups cannot deadlock.
 */
export async function signUpForSeries(
  db: TenantDb,
  input: { activityId: string; memberId: string; guests: number; byDesk?: boolean },
): Promise<{ confirmed: number; waiting: number }> {
  return db.transaction().execute(async (trx) => {
    const dates = await trx
      .selectFrom("activity_dates")
      .select("id")
      .where("activity_id", "=", input.activityId)
      .where("cancelled_at", "is", null)
      .where(sql<boolean>`not ${dateHasBegun}`)
      .orderBy("day")
      .execute();
    const counts = { confirmed: 0, waiting: 0 };
    for (const date of dates) {
      const result = await signUpWithin(trx, { ...input, dateId: date.id });
      // Dates already signed up for, or closed for sign-up, are simply left as they are.
      if (result.ok) counts[result.status] += 1;
    }
    return counts;
  });
}

/**
 * Changes what is told about an activity. A new capacity applies to its coming dates, never below
 * the places already taken on a date: nobody loses a place they have. More places go to the
 * waiting list at once, and those who get one are told.
 */
export async function updateActivity(db: TenantDb, activityId: string, details: ActivityDetails, today: string, context: MailContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("activities")
      .set({
        title: details.title,
        description: details.description,
        kind: details.kind,
        category: details.category,
        location: details.location,
        accessibility: details.accessibility,
        audience: details.audience,
        price_cents: details.price,
        capacity: details.capacity,
        signup_required: details.signupRequired,
        signup_closes_hours: details.signupClosesHours,
      })
      .where("id", "=", activityId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    const dates = await trx
      .selectFrom("activity_dates")
      .select(["id", "places_taken", "cancelled_at"])
      .where("activity_id", "=", activityId)
      .where("day", ">=", today)
      .orderBy("day")
      .forUpdate()
      .execute();
    for (const date of dates) {
      const capacity = Math.max(details.capacity, date.places_taken);
      await trx.updateTable("activity_dates").set({ capacity }).where("id", "=", date.id).execute();
      if (date.cancelled_at) continue;
      const promoted = await promoteWaiting(trx, date.id, { capacity, taken: date.places_taken });
      if (promoted.length > 0) await tellPromoted(trx, date.id, promoted, context);
    }
    return true;
  });
}

/** Choosing a host: a person, or nobody (the picker's "nobody" sends an empty value). */
export const hostSchema = z.object({ memberId: z.union([z.uuid({ error: "activity_person_required" }), z.literal("")]).default("") });

/** The volunteer or resident who hosts the activity: they may take its attendance. */
export async function setHost(db: TenantDb, activityId: string, memberId: string | null): Promise<boolean> {
  if (memberId && !(await db.selectFrom("members").select("id").where("id", "=", memberId).executeTakeFirst())) return false;
  const updated = await db.updateTable("activities").set({ host_member_id: memberId }).where("id", "=", activityId).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Notes whether someone who signed up came (true) or did not (false). */
export async function markAttendance(db: TenantDb, input: { dateId: string; signupId: string; attended: boolean }): Promise<boolean> {
  const updated = await db
    .updateTable("activity_signups")
    .set({ attended: input.attended })
    .where("id", "=", input.signupId)
    .where("date_id", "=", input.dateId)
    .where("status", "!=", "waiting")
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Someone came without signing up (or from the waiting list): noted as came. A walk-in takes no
 * place, so a full room can still write down everyone who is there.
 */
export async function addWalkIn(db: TenantDb, input: { dateId: string; guests: number } & DeskPerson, actor: string): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const date = await trx.selectFrom("activity_dates").select("cancelled_at").where("id", "=", input.dateId).executeTakeFirst();
    if (!date) return problem("activity_date_unknown");
    if (date.cancelled_at) return problem("activity_date_cancelled");
    const memberId = await deskPersonId(trx, input, actor);
    if (!memberId) return problem("activity_person_required");
    await trx
      .insertInto("activity_signups")
      .values({ date_id: input.dateId, member_id: memberId, status: "walk_in", guests: input.guests, attended: true })
      // Already on the list (or waiting): they came, that is all there is to note.
      // Someone on the waiting list who came anyway is a walk-in now: no later promotion for them.
      .onConflict((conflict) =>
        conflict.constraint("activity_signups_once").doUpdateSet({
          attended: true,
          status: sql<"confirmed" | "walk_in">`case when activity_signups.status = 'waiting' then 'walk_in' else activity_signups.status end`,
        }),
      )
      .execute();
    return { ok: true };
  });
}
