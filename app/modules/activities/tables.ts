import type { ColumnType, Generated } from "kysely";

/** Tables of the activities module inside every neighbourhood's schema (see db/migrations/tenant/0012_activities.ts). */
export interface ActivityTables {
  activities: ActivitiesTable;
  activity_dates: ActivityDatesTable;
  activity_signups: ActivitySignupsTable;
}

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
}

export interface ActivitySignupsTable {
  id: Generated<string>;
  date_id: string;
  member_id: string;
  guests: Generated<number>;
  status: "confirmed" | "waiting";
  created_at: ColumnType<Date, never, never>;
  promoted_at: Date | null;
}
