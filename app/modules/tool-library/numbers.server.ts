import { sql } from "kysely";
import type { TenantDb } from "~/db/accessors.server";
import { TIME_ZONE } from "~/dates";

/**
 * Figures for the impact report: per month (Dutch time) how many loans started and how many
 * different people borrowed, and which tools were borrowed most, over the last twelve months.
 */
export async function lendingNumbers(db: TenantDb, now: Date = new Date()) {
  // From the first day of the month eleven months back: twelve whole calendar months, this one included.
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  // A literal, not a parameter: GROUP BY must see the same expression as the SELECT.
  const month = sql<string>`to_char(loans.checked_out_at at time zone ${sql.lit(TIME_ZONE)}, 'YYYY-MM')`;
  const [perMonth, topTools, totals] = await Promise.all([
    db
      .selectFrom("loans")
      .select([month.as("month"), (eb) => eb.fn.countAll<string>().as("loans"), sql<string>`count(distinct loans.member_id)`.as("borrowers")])
      .where("loans.checked_out_at", ">=", since)
      .groupBy(month)
      .orderBy(month)
      .execute(),
    db
      .selectFrom("loans")
      .innerJoin("tools", "tools.id", "loans.tool_id")
      .select(["tools.id", "tools.number", "tools.name", (eb) => eb.fn.countAll<string>().as("loans")])
      .where("loans.checked_out_at", ">=", since)
      .groupBy(["tools.id", "tools.number", "tools.name"])
      .orderBy("loans", "desc")
      .orderBy("tools.name")
      .limit(10)
      .execute(),
    db
      .selectFrom("loans")
      .select([(eb) => eb.fn.countAll<string>().as("loans"), sql<string>`count(distinct loans.member_id)`.as("borrowers")])
      .where("loans.checked_out_at", ">=", since)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    perMonth: perMonth.map((row) => ({ month: row.month, loans: Number(row.loans), borrowers: Number(row.borrowers) })),
    topTools: topTools.map((row) => ({ ...row, loans: Number(row.loans) })),
    totals: { loans: Number(totals.loans), borrowers: Number(totals.borrowers) },
  };
}
