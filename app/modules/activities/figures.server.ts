import { sql } from "kysely";
import type { TenantDb } from "~/db/accessors.server";

/**
 * The sign-ups that count as having come, on dates that were not called off. Once anyone's
 * attendance on a date is noted, only those noted as came count (walk-ins, and people let in from
 * the waiting list, are noted as came); before that, the confirmed places. The kitchen's cost price
 * counts its portions the same way.
 */
export function signupsThatCame(db: TenantDb) {
  return db
    .selectFrom("activity_signups")
    .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .where("activity_dates.cancelled_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("activity_signups.attended", "=", true),
        eb.and([
          eb("activity_signups.status", "=", "confirmed"),
          eb.not(
            eb.exists(
              eb
                .selectFrom("activity_signups as noted")
                .select("noted.id")
                .whereRef("noted.date_id", "=", "activity_signups.date_id")
                .where("noted.attended", "is not", null),
            ),
          ),
        ]),
      ]),
    );
}

/**
 * Figures for the impact report over the days `from` to `to` (both included, "YYYY-MM-DD"; a period
 * in the past, as coming dates count their confirmed places): visits per activity per month (people
 * who came with their guests), how many different people came, the meals (dates where someone
 * ate) and portions served, and the time each volunteer spent on kitchen shifts (in minutes).
 */
export async function activityFigures(db: TenantDb, period: { from: string; to: string }) {
  const came = signupsThatCame(db).where("activity_dates.day", ">=", period.from).where("activity_dates.day", "<=", period.to);
  // Literal format, not a parameter: GROUP BY must see the same expression as the SELECT.
  const month = sql<string>`to_char(activity_dates.day, 'YYYY-MM')`;
  const [perActivityMonth, people, meals, volunteers] = await Promise.all([
    came
      .select([
        "activities.id as activityId",
        "activities.title",
        "activities.kind",
        month.as("month"),
        sql<number>`sum(1 + activity_signups.guests)::int`.as("visits"),
        sql<number>`count(distinct activity_signups.member_id)::int`.as("people"),
      ])
      .groupBy(["activities.id", month])
      .orderBy(month)
      .orderBy("activities.title")
      .execute(),
    came.select(sql<number>`count(distinct activity_signups.member_id)::int`.as("people")).executeTakeFirstOrThrow(),
    came
      .where("activities.kind", "=", "meal")
      .select([sql<number>`count(distinct activity_dates.id)::int`.as("meals"), sql<number>`coalesce(sum(1 + activity_signups.guests), 0)::int`.as("portions")])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("kitchen_shift_signups")
      .innerJoin("kitchen_shifts", "kitchen_shifts.id", "kitchen_shift_signups.shift_id")
      .innerJoin("activity_dates", "activity_dates.id", "kitchen_shifts.date_id")
      .innerJoin("members", "members.id", "kitchen_shift_signups.member_id")
      .select([
        "members.id as memberId",
        "members.name",
        sql<number>`count(*)::int`.as("shifts"),
        sql<number>`sum(extract(epoch from kitchen_shifts.ends_at - kitchen_shifts.starts_at) / 60)::int`.as("minutes"),
      ])
      .where("activity_dates.day", ">=", period.from)
      .where("activity_dates.day", "<=", period.to)
      .where("activity_dates.cancelled_at", "is", null)
      .groupBy("members.id")
      .orderBy("members.name")
      .execute(),
  ]);
  return {
    perActivityMonth,
    volunteers,
    totals: {
      visits: perActivityMonth.reduce((sum, row) => sum + row.visits, 0),
      people: people.people,
      meals: meals.meals,
      portions: meals.portions,
      shiftMinutes: volunteers.reduce((sum, row) => sum + row.minutes, 0),
    },
  };
}
