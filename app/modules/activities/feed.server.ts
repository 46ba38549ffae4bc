import ical, { ICalEventStatus } from "ical-generator";
import { LRUCache } from "lru-cache";
import type { TenantDb } from "~/db/accessors.server";
import { addDays } from "~/dates";
import { dateMoment } from "./moments.server";

/**
 * The neighbourhood's agenda as an iCalendar feed (RFC 5545), for phones and calendar apps to
 * subscribe to. Each date is its own event with a stable UID, so a calendar updates it when it is
 * moved and shows it as cancelled when it is called off. Start and end are exact moments worked out
 * by Postgres from the Dutch wall-clock time, so summer time is right in every calendar.
 */

/** Dates this long ago stay in the feed, so a calendar does not lose last week's walk. */
const PAST_DAYS = 30;
/**
 * And this far ahead: calendar apps fetch a feed again every few hours, so a quarter is plenty, and
 * a year of fifty weekly activities would be a megabyte per fetch (scripts/bench/agenda.ts).
 */
export const FEED_DAYS_AHEAD = 92;

export async function agendaCalendar(
  db: TenantDb,
  input: { name: string; host: string; agendaUrl: string; today: string; /** Only the dates this person has a place on (their own feed). */ memberId?: string },
): Promise<string> {
  const moment = (time: "starts_at" | "ends_at") =>
    dateMoment(time).as(time === "starts_at" ? "start" : "end");
  let query = db
    .selectFrom("activity_dates")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select(["activity_dates.id", "activities.title", "activities.description", "activities.location", "activity_dates.cancelled_at", moment("starts_at"), moment("ends_at")])
    .where("activity_dates.day", ">=", addDays(input.today, -PAST_DAYS))
    .where("activity_dates.day", "<=", addDays(input.today, FEED_DAYS_AHEAD))
    .where("activities.archived_at", "is", null);
  if (input.memberId) {
    const memberId = input.memberId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_signups")
          .select("activity_signups.id")
          .whereRef("activity_signups.date_id", "=", "activity_dates.id")
          .where("activity_signups.member_id", "=", memberId)
          .where("activity_signups.status", "=", "confirmed"),
      ),
    );
  }
  const dates = await query.orderBy("activity_dates.day").orderBy("activity_dates.starts_at").execute();
  const calendar = ical({ name: input.name, prodId: { company: "Wijkplaats", product: "agenda", language: "NL" }, url: input.agendaUrl });
  for (const date of dates) {
    calendar.createEvent({
      id: `${date.id}@${input.host}`,
      start: date.start,
      end: date.end,
      summary: date.title,
      description: date.description,
      location: date.location,
      url: input.agendaUrl,
      status: date.cancelled_at ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/**
 * The public feed is the same for everyone who asks, and writing it is slow (ical-generator takes
 * about 0.25 s for the quarter ahead of fifty weekly activities: scripts/bench/agenda.ts), while
 * calendar apps of a whole neighbourhood ask for it every few hours. So each neighbourhood's feed
 * is written at most once per five minutes, as long as its Cache-Control lets a calendar keep it.
 */
export const PUBLIC_FEED_SECONDS = 300;
const publicFeeds = new LRUCache<string, string>({ max: 2000, ttl: PUBLIC_FEED_SECONDS * 1000 });

export async function publicAgendaCalendar(db: TenantDb, tenantId: string, input: { name: string; host: string; agendaUrl: string; today: string }): Promise<string> {
  const key = JSON.stringify([tenantId, input]);
  const cached = publicFeeds.get(key);
  if (cached !== undefined) return cached;
  const text = await agendaCalendar(db, input);
  publicFeeds.set(key, text);
  return text;
}
