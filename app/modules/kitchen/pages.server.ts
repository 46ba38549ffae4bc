import { sql } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import { agendaDates } from "~/modules/activities/agenda.server";
import { paymentSchema, shiftsOf } from "./kitchen.server";

// What the kitchen's desk pages need besides kitchen.server.ts: the coming meals with their shifts,
// the payments of one meal, and the forms that name a shift or a sign-up.

/** The meal dates from `from` to `to` (days, both included) with their shifts, for the overview and the rota. */
export async function mealsWithShifts(db: TenantDb, period: { from: string; to: string }) {
  const meals = (await agendaDates(db, period)).filter((date) => date.kind === "meal");
  return Promise.all(meals.map(async (meal) => ({ ...meal, shifts: await shiftsOf(db, meal.id) })));
}

/** How each sign-up for a meal date settled, as the ledger holds it (recordPayment). */
export function paymentsOf(db: TenantDb, dateId: string) {
  return db
    .selectFrom("ledger_entries")
    .innerJoin("activity_signups", "activity_signups.id", "ledger_entries.record_id")
    .select([
      "ledger_entries.record_id as signupId",
      // A waiver's amount is what was forgiven; the desk's column shows what was paid.
      sql<number>`case when ledger_entries.kind = 'waiver' then 0 else ledger_entries.amount_cents end`.as("amountCents"),
      sql<"cash" | "waived">`coalesce(ledger_entries.method, 'waived')`.as("method"),
    ])
    .where("ledger_entries.record_type", "=", "activity_signup")
    .where("ledger_entries.kind", "<>", "refund")
    .where("activity_signups.date_id", "=", dateId)
    // A payment wins over a waiver of the rest: it comes last into the page's map.
    .orderBy(sql`ledger_entries.kind = 'payment'`)
    .execute();
}

/** A volunteer taking a shift, or leaving it: on a meal's page and on the rota. */
export const ownShiftSchema = z.object({ intent: z.enum(["take", "leave"]), shiftId: z.uuid({ error: "kitchen_shift_unknown" }) });

/** What one sign-up paid, as the meal page's payment buttons send it. */
export const paymentFormSchema = z.intersection(paymentSchema, z.object({ signupId: z.uuid({ error: "kitchen_signup_unknown" }) }));
