import { sql } from "kysely";
import { TIME_ZONE } from "~/dates";

// A date's day and times are Dutch wall-clock values; Postgres turns them into exact moments, so
// "has it begun" and "is sign-up closed" are right on both sides of a clock change. Used in queries
// that join `activity_dates` (and `activities`, for the sign-up rule).

/** The moment a date starts or ends. */
export const dateMoment = (time: "starts_at" | "ends_at") => sql<Date>`(activity_dates.day + ${sql.ref(`activity_dates.${time}`)}) at time zone ${TIME_ZONE}`;

/** Whether the date has begun. */
export const dateHasBegun = sql<boolean>`${dateMoment("starts_at")} <= now()`;

/** Whether sign-up has closed: the set number of hours before the start has come. */
export const signupClosed = sql<boolean>`${dateMoment("starts_at")} - make_interval(hours => activities.signup_closes_hours) <= now()`;
