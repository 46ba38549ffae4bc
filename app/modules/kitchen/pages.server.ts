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

/** What each sign-up for a meal date paid, as recorded by recordPayment. */
export function paymentsOf(db: TenantDb, dateId: string) {
  return db
    .selectFrom("meal_payments")
    .innerJoin("activity_signups", "activity_signups.id", "meal_payments.signup_id")
    .select(["meal_payments.signup_id as signupId", "meal_payments.amount_cents as amountCents", "meal_payments.method"])
    .where("activity_signups.date_id", "=", dateId)
    .execute();
}

/** A volunteer taking a shift, or leaving it: on a meal's page and on the rota. */
export const ownShiftSchema = z.object({ intent: z.enum(["take", "leave"]), shiftId: z.uuid({ error: "kitchen_shift_unknown" }) });

/** What one sign-up paid, as the meal page's payment buttons send it. */
export const paymentFormSchema = z.intersection(paymentSchema, z.object({ signupId: z.uuid({ error: "kitchen_signup_unknown" }) }));
