import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import { sql, type RawBuilder } from "kysely";
import type { TenantDb } from "~/db/accessors.server";
import type { Role } from "~/db/tables";
import { dateMoment, signupClosed } from "./moments.server";
import type { ActivityCategory } from "./tables";

/**
 * Reading the agenda: what is on when, an activity's page, the desk's lists and a person's own
 * sign-ups. Changes go through activities.server.ts.
 */

/** The columns every list of dates shows. */
function datesWithActivity(db: TenantDb) {
  return db
    .selectFrom("activity_dates")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select([
      "activity_dates.id",
      "activity_dates.activity_id",
      "activities.title",
      "activities.kind",
      "activities.category",
      "activities.location",
      "activities.signup_required",
      sql<string>`activity_dates.day::text`.as("day"),
      sql<string>`to_char(activity_dates.starts_at, 'HH24:MI')`.as("start"),
      sql<string>`to_char(activity_dates.ends_at, 'HH24:MI')`.as("end"),
      "activity_dates.capacity",
      "activity_dates.places_taken",
      "activity_dates.cancel_reason",
      sql<boolean>`activity_dates.cancelled_at is not null`.as("cancelled"),
      "activity_dates.move_reason",
    ])
    .where("activities.archived_at", "is", null);
}
export type AgendaDate = Awaited<ReturnType<ReturnType<typeof datesWithActivity>["execute"]>>[number];

/** The dates from `from` up to and including `to`, in order, optionally of one category. */
export function agendaDates(db: TenantDb, input: { from: string; to: string; category?: ActivityCategory }): Promise<AgendaDate[]> {
  let query = datesWithActivity(db).where("activity_dates.day", ">=", input.from).where("activity_dates.day", "<=", input.to);
  if (input.category) query = query.where("activities.category", "=", input.category);
  return query.orderBy("activity_dates.day").orderBy("activity_dates.starts_at").orderBy("activities.title").execute();
}

/** How many dates an activity's page lists ahead (unless asked for more). */
const NEXT_DATES = 12;

/** An activity with its host and its next dates, and the person's own sign-ups on those dates. */
export async function activityPage(db: TenantDb, input: { activityId: string; today: string; memberId?: string; limit?: number }) {
  const activity = await db
    .selectFrom("activities")
    .leftJoin("members as host", "host.id", "activities.host_member_id")
    .select([
      "activities.id",
      "activities.title",
      "activities.description",
      "activities.kind",
      "activities.category",
      "activities.location",
      "activities.accessibility",
      "activities.audience",
      "activities.price_cents",
      "activities.capacity",
      "activities.signup_required",
      "activities.signup_closes_hours",
      "activities.host_member_id",
      "host.name as host_name",
    ])
    .where("activities.id", "=", input.activityId)
    .where("activities.archived_at", "is", null)
    .executeTakeFirst();
  if (!activity) return null;
  const dates = await datesWithActivity(db)
    .select([dateMoment("starts_at").as("starts"), dateMoment("ends_at").as("ends"), signupClosed.as("closed")])
    .where("activity_dates.activity_id", "=", input.activityId)
    .where("activity_dates.day", ">=", input.today)
    .orderBy("activity_dates.day")
    .limit(input.limit ?? NEXT_DATES)
    .execute();
  const mine = input.memberId
    ? await db
        .selectFrom("activity_signups")
        .select(["date_id", "status", "guests"])
        .where("member_id", "=", input.memberId)
        .where(
          "date_id",
          "in",
          dates.map((date) => date.id),
        )
        .execute()
    : [];
  const mineByDate = new Map(mine.map((signup) => [signup.date_id, signup]));
  return { activity, dates: dates.map((date) => ({ ...date, mine: mineByDate.get(date.id) ?? null })) };
}

/** A person's coming sign-ups (and waiting places), for their own page. */
export function signupsOf(db: TenantDb, input: { memberId: string; today: string }) {
  return datesWithActivity(db)
    .innerJoin("activity_signups", "activity_signups.date_id", "activity_dates.id")
    .select(["activity_signups.id as signup_id", "activity_signups.status", "activity_signups.guests"])
    .where("activity_signups.member_id", "=", input.memberId)
    .where("activity_signups.status", "!=", "walk_in")
    .where("activity_dates.day", ">=", input.today)
    .orderBy("activity_dates.day")
    .orderBy("activity_dates.starts_at")
    .execute();
}

/** The coming dates of the activities a person hosts, for their own agenda page. */
export function hostedDates(db: TenantDb, input: { memberId: string; from: string; to: string }) {
  return datesWithActivity(db)
    .where("activities.host_member_id", "=", input.memberId)
    .where("activity_dates.day", ">=", input.from)
    .where("activity_dates.day", "<=", input.to)
    .orderBy("activity_dates.day")
    .orderBy("activity_dates.starts_at")
    .execute();
}

/** The dates of the coming days for the desk, with how many signed up, wait and came. */
export function deskDates(db: TenantDb, input: { from: string; to: string }) {
  return datesWithActivity(db)
    .select((eb) => [
      eb
        .selectFrom("activity_signups")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("activity_signups.date_id", "=", "activity_dates.id")
        .where("activity_signups.status", "=", "waiting")
        .as("waiting"),
      eb
        .selectFrom("activity_signups")
        .select(sql<number>`coalesce(sum(1 + guests), 0)::int`.as("n"))
        .whereRef("activity_signups.date_id", "=", "activity_dates.id")
        .where("activity_signups.attended", "=", true)
        .as("came"),
    ])
    .where("activity_dates.day", ">=", input.from)
    .where("activity_dates.day", "<=", input.to)
    .orderBy("activity_dates.day")
    .orderBy("activity_dates.starts_at")
    .execute();
}

/** Whether a person may take attendance and sign people up at the desk for this date. */
export function mayRunDate(viewer: { memberId: string; role: Role }, hostMemberId: string | null): boolean {
  return viewer.role !== "resident" || viewer.memberId === hostMemberId;
}

/** One date with everyone on it, for the attendance list. */
export async function dateForDesk(db: TenantDb, dateId: string) {
  const date = await datesWithActivity(db)
    .select(["activities.host_member_id"])
    .where("activity_dates.id", "=", dateId)
    .executeTakeFirst();
  if (!date) return null;
  const people = await db
    .selectFrom("activity_signups")
    .innerJoin("members", "members.id", "activity_signups.member_id")
    .select([
      "activity_signups.id",
      "activity_signups.member_id",
      "members.name",
      "members.phone",
      "activity_signups.guests",
      "activity_signups.status",
      "activity_signups.attended",
    ])
    .where("activity_signups.date_id", "=", dateId)
    .orderBy(sql`case activity_signups.status when 'waiting' then 1 else 0 end`)
    .orderBy("activity_signups.created_at")
    .execute();
  return { date, people };
}

/**
 * People the desk should phone: they got a place from the waiting list, or their date was called
 * off or moved, and no email reached them (nor did anyone phone them yet).
 */
export function callList(db: TenantDb, today: string) {
  return datesWithActivity(db)
    .innerJoin("activity_signups", "activity_signups.date_id", "activity_dates.id")
    .innerJoin("members", "members.id", "activity_signups.member_id")
    .select(["activity_signups.id as signup_id", "members.name as person", "members.phone", sql<boolean>`activity_signups.promoted_at is not null`.as("promoted")])
    .where("activity_dates.day", ">=", today)
    .where("activity_signups.status", "!=", "walk_in")
    .where((eb) => {
      // Told of something means: told after it happened. A change before someone signed up is
      // not news to them.
      const changedAt = sql<Date | null>`greatest(activity_dates.cancelled_at, activity_dates.moved_at)`;
      const notToldSince = (moment: RawBuilder<Date | null>) => eb.or([eb("activity_signups.notified_at", "is", null), eb("activity_signups.notified_at", "<", moment)]);
      return eb.or([
        eb.and([eb("activity_signups.promoted_at", "is not", null), eb("activity_dates.cancelled_at", "is", null), notToldSince(sql<Date | null>`activity_signups.promoted_at`)]),
        eb.and([eb(changedAt, "is not", null), eb("activity_signups.created_at", "<", changedAt), notToldSince(changedAt)]),
      ]);
    })
    .orderBy("activity_dates.day")
    .orderBy("members.name")
    .execute();
}

/** The activities a coordinator manages, with their next date. */
export function activitiesToManage(db: TenantDb, today: string) {
  return db
    .selectFrom("activities")
    .select((eb) => [
      "activities.id",
      "activities.title",
      "activities.kind",
      "activities.category",
      eb
        .selectFrom("activity_dates")
        .select(sql<string>`min(day)::text`.as("day"))
        .whereRef("activity_dates.activity_id", "=", "activities.id")
        .where("activity_dates.day", ">=", today)
        .where("activity_dates.cancelled_at", "is", null)
        .as("next_day"),
    ])
    .where("activities.archived_at", "is", null)
    .orderBy("activities.title")
    .execute();
}

// A personal calendar feed is reached by a secret link; only its hash is stored, like a session.
const hashOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** Makes a new secret link for a person's own feed; the old link stops working. */
export async function renewFeedLink(db: TenantDb, memberId: string): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await db
    .insertInto("activity_feed_links")
    .values({ member_id: memberId, token_hash: hashOf(token) })
    .onConflict((conflict) => conflict.column("member_id").doUpdateSet({ token_hash: hashOf(token), created_at: sql`now()` }))
    .execute();
  return token;
}

export async function revokeFeedLink(db: TenantDb, memberId: string): Promise<void> {
  await db.deleteFrom("activity_feed_links").where("member_id", "=", memberId).execute();
}

export async function hasFeedLink(db: TenantDb, memberId: string): Promise<boolean> {
  return Boolean(await db.selectFrom("activity_feed_links").select("member_id").where("member_id", "=", memberId).executeTakeFirst());
}

/** Whose feed a secret link opens, if it still works. */
export async function feedOwner(db: TenantDb, token: string): Promise<string | null> {
  const link = await db.selectFrom("activity_feed_links").select("member_id").where("token_hash", "=", hashOf(token)).executeTakeFirst();
  return link?.member_id ?? null;
}
