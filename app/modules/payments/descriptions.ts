import { sql } from "kysely";
import { TIME_ZONE } from "~/dates";

// How the ledger words what a line was for: the bookkeeper's "what", without personal data. One
// place, so a payment at the desk and the same one online read alike in the books.

export const loanDescription = (tool: { number: number; name: string }) => `Lening ${tool.number}: ${tool.name}`.slice(0, 200);

export const repairDescription = (repair: { number: number }) => `Reparatie ${repair.number}`;

/** A home job by the day it was asked for (its description may hold personal details). */
export const homeJobDescription = sql<string>`'Klus van ' || to_char(home_jobs.created_at at time zone ${TIME_ZONE}, 'DD-MM-YYYY')`;

/** A meal or activity place by its day and title (in a query joining activity_dates and activities). */
export const signupDescription = sql<string>`case activities.kind when 'meal' then 'Maaltijd ' else 'Activiteit ' end || to_char(activity_dates.day, 'DD-MM-YYYY') || ': ' || left(activities.title, 150)`;
