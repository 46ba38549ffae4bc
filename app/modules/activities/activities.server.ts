import { sql, type Transaction } from "kysely";
import { z } from "zod";
import { platformDbAlongside, type TenantDb } from "~/db/accessors.server";
import type { TenantTables } from "~/db/tables";
import { formatDay, TIME_ZONE } from "~/dates";
import { checkbox, optionalText, requiredText } from "~/forms";
import { messages } from "~/i18n/messages";
import { queueEmail } from "~/modules/email/outbox.server";
import { euroCentsSchema } from "~/money";
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

/** Stores an activity and one row for each date of its schedule, in one transaction. */
export async function createActivity(db: TenantDb, input: ActivityInput, actor: string): Promise<{ activityId: string; dateIds: string[] }> {
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
      sql<boolean>`(activity_dates.day + activity_dates.starts_at) at time zone ${TIME_ZONE} - make_interval(hours => activities.signup_closes_hours) <= now()`.as("closed"),
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
  const status = date.places_taken + places <= date.capacity ? "confirmed" : "waiting";
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
 * Answers who was promoted, so they can be told.
 */
export async function cancelSignup(db: TenantDb, input: { dateId: string; memberId: string }): Promise<Result<{ promoted: string[] }>> {
  return db.transaction().execute((trx) => releaseSignup(trx, input));
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
  let taken = date.places_taken - (signup.status === "confirmed" ? 1 + signup.guests : 0);
  const waiting = await trx
    .selectFrom("activity_signups")
    .select(["id", "member_id", "guests"])
    .where("date_id", "=", input.dateId)
    .where("status", "=", "waiting")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const promoted: string[] = [];
  for (const next of waiting) {
    if (taken + 1 + next.guests > date.capacity) break;
    taken += 1 + next.guests;
    promoted.push(next.member_id);
    await trx.updateTable("activity_signups").set({ status: "confirmed", promoted_at: new Date() }).where("id", "=", next.id).execute();
  }
  await trx.updateTable("activity_dates").set({ places_taken: taken }).where("id", "=", input.dateId).execute();
  return { ok: true, promoted };
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

export const cancelDateSchema = z.object({ reason: requiredText(500, "activity_cancel_reason_required") });

export interface CancelContext {
  tenant: { id: string; name: string };
  /** The neighbourhood's own address, for the link in the email. */
  siteUrl: string;
}

/**
 * Calls off one date of an activity. Everyone signed up (and everyone waiting) gets an email with
 * the reason, queued in the same transaction; people without an email address are returned, so
 * the desk can phone them.
 */
export async function cancelDate(
  db: TenantDb,
  input: { dateId: string; reason: string },
  context: CancelContext,
): Promise<Result<{ toCall: { name: string; phone: string | null }[] }>> {
  return db.transaction().execute(async (trx) => {
    const date = await trx
      .updateTable("activity_dates")
      .set({ cancelled_at: new Date(), cancel_reason: input.reason })
      .where("id", "=", input.dateId)
      .where("cancelled_at", "is", null)
      .returning(["activity_id", sql<string>`day::text`.as("day")])
      .executeTakeFirst();
    if (!date) {
      const exists = await trx.selectFrom("activity_dates").select("id").where("id", "=", input.dateId).executeTakeFirst();
      return problem(exists ? "activity_date_cancelled" : "activity_date_unknown");
    }
    const activity = await trx.selectFrom("activities").select("title").where("id", "=", date.activity_id).executeTakeFirstOrThrow();
    const people = await trx
      .selectFrom("activity_signups")
      .innerJoin("members", "members.id", "activity_signups.member_id")
      .select(["members.name", "members.phone", "members.account_id"])
      .where("activity_signups.date_id", "=", input.dateId)
      .orderBy("activity_signups.created_at")
      .execute();
    const platform = platformDbAlongside(trx);
    const accountIds = people.flatMap((person) => (person.account_id ? [person.account_id] : []));
    const accounts = accountIds.length
      ? await platform.selectFrom("accounts").select(["id", "email"]).where("id", "in", accountIds).where("disabled_at", "is", null).execute()
      : [];
    const emailOf = new Map(accounts.map((account) => [account.id, account.email]));
    const text = messages.nl.activities.emails.dateCancelled;
    const day = formatDay(date.day, "nl");
    const link = new URL("/", context.siteUrl).href;
    const toCall = [];
    for (const person of people) {
      const email = person.account_id ? emailOf.get(person.account_id) : undefined;
      if (!email) {
        toCall.push({ name: person.name, phone: person.phone });
        continue;
      }
      await queueEmail(platform, context.tenant.id, {
        to: email,
        subject: text.subject(activity.title, day),
        body: text.body(person.name, activity.title, day, input.reason, context.tenant.name, link),
      });
    }
    return { ok: true, toCall };
  });
}
