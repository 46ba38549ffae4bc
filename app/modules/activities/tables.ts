import type { ColumnType, Generated } from "kysely";

/** Tables of the activities module inside every neighbourhood's schema (see db/migrations/tenant/0012_activities.ts). */
export interface ActivityTables {
  activities: ActivitiesTable;
  activity_dates: ActivityDatesTable;
  activity_signups: ActivitySignupsTable;
  activity_feed_links: ActivityFeedLinksTable;
}

export const activityKinds = ["activity", "meal"] as const;
export type ActivityKind = (typeof activityKinds)[number];
/** Fixed, so every neighbourhood's agenda can be filtered the same way, in both languages. */
export const activityCategories = ["meeting", "exercise", "learning", "creative", "outdoors", "food"] as const;
export type ActivityCategory = (typeof activityCategories)[number];
/** How often a series repeats (schedule.ts turns it into an iCalendar rule; the form offers these). */
export const frequencies = ["once", "weekly", "biweekly", "monthly"] as const;
export type ScheduleFrequency = (typeof frequencies)[number];

/** Days are read and written as "YYYY-MM-DD" (cast with ::text), times as "HH:MM". */
export interface ActivitiesTable {
  id: Generated<string>;
  title: string;
  description: string | null;
  location: string | null;
  schedule_rule: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
  kind: Generated<ActivityKind>;
  category: Generated<ActivityCategory>;
  accessibility: string | null;
  audience: string | null;
  host_member_id: string | null;
  price_cents: Generated<number>;
  signup_required: Generated<boolean>;
  /** Sign-up closes this many hours before a date starts (0: at the start). */
  signup_closes_hours: Generated<number>;
  archived_at: Date | null;
}

export interface ActivityDatesTable {
  id: Generated<string>;
  activity_id: string;
  day: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  places_taken: Generated<number>;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  moved_at: Date | null;
  move_reason: string | null;
}

export interface ActivitySignupsTable {
  id: Generated<string>;
  date_id: string;
  member_id: string;
  guests: Generated<number>;
  /** A walk-in came without signing up and takes no place. */
  status: "confirmed" | "waiting" | "walk_in";
  created_at: ColumnType<Date, never, never>;
  promoted_at: Date | null;
  /** null: not noted yet. */
  attended: boolean | null;
  notified_at: Date | null;
}

export interface ActivityFeedLinksTable {
  member_id: string;
  token_hash: string;
  created_at: Generated<Date>;
}
