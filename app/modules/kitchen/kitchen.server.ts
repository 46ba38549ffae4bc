import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import type { Role, TenantTables } from "~/db/tables";
import { addDays, TIME_ZONE } from "~/dates";
import { checkbox, requiredText, type FieldErrors } from "~/forms";
import { euroCentsSchema } from "~/money";
import { deskPersonId, signUpWithin, type DeskPerson } from "~/modules/activities/activities.server";
import { signupsThatCame } from "~/modules/activities/figures.server";
import { payableAtDesk, settleAtDesk } from "~/modules/payments/ledger.server";
import { signupDescription } from "~/modules/payments/descriptions";
import { allergens, diets } from "./allergens";
import { paymentChoices, paymentMethods, shiftTasks } from "./tables";

/**
 * The neighbourhood kitchen: a meal is an activity date of kind 'meal'. This module keeps its menu,
 * what each person eats (eat in or take away, allergies and diets), the volunteers' shifts, the
 * costs and what each sign-up paid.
 *
 * Allergies and diets are health data. Only the coordinators and the volunteers cooking that meal
 * see them, and they are deleted 30 days after the meal (purgeOldDietAnswers, run every night by
 * ./purge-jobs.server.ts).
 */

export type KitchenProblem = { ok: false; error: string };
type Result<T = object> = ({ ok: true } & T) | KitchenProblem;
const problem = (error: string): KitchenProblem => ({ ok: false, error });

/** Who is asking, for the rule of who may see allergies and diets. */
export interface Viewer {
  memberId: string;
  role: Role;
}

/** Null when the date is a meal of this neighbourhood, else why not. */
async function mealDateProblem(db: Kysely<TenantTables>, dateId: string): Promise<KitchenProblem | null> {
  const date = await db
    .selectFrom("activity_dates")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select("activities.kind")
    .where("activity_dates.id", "=", dateId)
    .executeTakeFirst();
  if (!date) return problem("kitchen_date_unknown");
  return date.kind === "meal" ? null : problem("kitchen_date_not_meal");
}

// ---------------------------------------------------------------------------------------------
// Forms with numbered rows: a dish or a person per number (`name_0`, `allergens_0`, `note_1`, …)

// A NUL character is never typed on purpose, and Postgres refuses it in text (as in parseForm).
const typed = (value: FormDataEntryValue | null) => (typeof value === "string" ? value.replaceAll("\0", "") : (value ?? undefined));

const rowField = /^([a-z]+)_(\d{1,2})$/;

/**
 * One record per row number, up to the highest number sent: `texts` as their text, `lists` (a
 * group of checkboxes) as the values ticked. Row numbers have at most two digits.
 */
function numberedRows(formData: FormData, texts: string[], lists: string[]): Record<string, unknown>[] {
  let count = 0;
  for (const key of formData.keys()) {
    const match = rowField.exec(key);
    if (match && [...texts, ...lists].includes(match[1]!)) count = Math.max(count, Number(match[2]) + 1);
  }
  return Array.from({ length: count }, (_, row) =>
    Object.fromEntries([
      ...texts.map((field) => [field, typed(formData.get(`${field}_${row}`))]),
      ...lists.map((field) => [field, formData.getAll(`${field}_${row}`).map(typed)]),
    ]),
  );
}

/**
 * Validates a form with numbered rows as parseForm does a plain one: a message per form field
 * (a problem with row 2's allergens is `allergens_2`'s) and what was typed, a checkbox group's
 * values joined with commas (no code holds a comma).
 */
function parseRows<S extends z.ZodType>(schema: S, input: unknown, formData: FormData, rows: string) {
  // What was typed and ticked (a group of checkboxes joined with commas), to fill the form in again
  // when it comes back, also when the form was fine but the sign-up was refused.
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string") values[key] = key in values ? `${values[key]},${value}` : value;
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true as const, data: result.data as z.output<S>, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [first, row, field] = issue.path;
    const name = first === rows && typeof row === "number" && typeof field === "string" ? `${field}_${row}` : String(first ?? "form");
    errors[name] ??= issue.message;
  }
  return { ok: false as const, errors, values };
}

const unique = <T>(list: T[]) => [...new Set(list)];
const allergenList = z.array(z.enum(allergens, { error: "kitchen_allergen_invalid" })).default([]).transform(unique);
const dietList = z.array(z.enum(diets, { error: "kitchen_diet_invalid" })).default([]).transform(unique);

// ---------------------------------------------------------------------------------------------
// The menu

const dishSchema = z
  .object({ name: z.string().trim().max(120, "text_too_long").default(""), allergens: allergenList, diets: dietList })
  .superRefine((dish, context) => {
    if (!dish.name && (dish.allergens.length > 0 || dish.diets.length > 0)) context.addIssue({ code: "custom", path: ["name"], message: "kitchen_dish_name_required" });
  });
export type Dish = z.output<typeof dishSchema>;

/** The menu form; rows left empty are no dish. */
export const menuSchema = z.object({
  dishes: z
    .array(dishSchema)
    .transform((dishes) => dishes.filter((dish) => dish.name))
    .refine((dishes) => dishes.length <= 20, "kitchen_too_many_dishes"),
});

/** The menu form (`name_0`, `allergens_0`, `diets_0`, `name_1`, …) checked by menuSchema. */
export function parseMenuForm(formData: FormData) {
  return parseRows(menuSchema, { dishes: numberedRows(formData, ["name"], ["allergens", "diets"]) }, formData, "dishes");
}

/** Replaces the menu of a meal date with these dishes, in this order. */
export async function setMenu(db: TenantDb, dateId: string, dishes: Dish[]): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    // Two people saving the menu at once save one after the other. NO KEY UPDATE leaves the date's
    // key free, so sign-ups and shifts referring to it are not held up.
    await trx.selectFrom("activity_dates").select("id").where("id", "=", dateId).forNoKeyUpdate().execute();
    const refused = await mealDateProblem(trx, dateId);
    if (refused) return refused;
    await trx.deleteFrom("meal_dishes").where("date_id", "=", dateId).execute();
    if (dishes.length > 0) {
      await trx
        .insertInto("meal_dishes")
        .values(dishes.map((dish, position) => ({ date_id: dateId, name: dish.name, allergens: dish.allergens, diets: dish.diets, position })))
        .execute();
    }
    return { ok: true };
  });
}

export function menuOf(db: TenantDb, dateId: string) {
  return db.selectFrom("meal_dishes").select(["name", "allergens", "diets"]).where("date_id", "=", dateId).orderBy("position").execute();
}

// ---------------------------------------------------------------------------------------------
// Signing up for a meal

const personSchema = z.object({
  allergens: allergenList,
  diets: dietList,
  note: z
    .string()
    .trim()
    .max(200, "kitchen_note_too_long")
    .optional()
    .transform((value) => value || null),
});
export type DietAnswer = z.output<typeof personSchema>;
const hasAnswer = (person: DietAnswer) => person.allergens.length > 0 || person.diets.length > 0 || person.note !== null;

/**
 * The meal sign-up form: guests, eat in or take away, and per person (0 is the person signing up,
 * 1 to `guests` their guests) allergies, diets and a note. A form may show rows for more guests
 * than are coming; rows beyond them must be left empty, and are dropped.
 */
export const mealSignupSchema = z
  .object({
    guests: z.coerce
      .number({ error: "kitchen_guests_invalid" })
      .int("kitchen_guests_invalid")
      .min(0, "kitchen_guests_invalid")
      .max(10, "kitchen_guests_invalid")
      .default(0),
    takeaway: checkbox,
    people: z.array(personSchema).default([]),
  })
  .superRefine((form, context) => {
    if (form.people.slice(1 + form.guests).some(hasAnswer)) context.addIssue({ code: "custom", path: ["guests"], message: "kitchen_too_many_people" });
  })
  .transform((form) => ({ ...form, people: form.people.slice(0, 1 + form.guests) }));
export type MealSignup = z.output<typeof mealSignupSchema>;

/** The sign-up form (`guests`, `takeaway`, `allergens_0`, `diets_0`, `note_0`, `allergens_1`, …) checked by mealSignupSchema. */
export function parseMealSignupForm(formData: FormData) {
  const input = { guests: typed(formData.get("guests")), takeaway: typed(formData.get("takeaway")), people: numberedRows(formData, ["note"], ["allergens", "diets"]) };
  return parseRows(mealSignupSchema, input, formData, "people");
}

/**
 * Signs a person (with guests) up for a meal, with eat in or take away and what each of them eats,
 * in one transaction: when the sign-up is refused (a called-off date, already signed up, …) nothing
 * is stored. A full meal puts them on the waiting list, answers and all. Only people with something
 * to say get a row of answers.
 */
export async function signUpForMeal(
  db: TenantDb,
  input: MealSignup & { dateId: string; memberId: string; byDesk?: boolean },
): Promise<Result<{ signupId: string; status: "confirmed" | "waiting" }>> {
  return db.transaction().execute((trx) => signUpForMealWithin(trx, input));
}

/** The desk signs someone up for a meal (also someone new, registered on the spot), with what each of them eats. */
export async function deskSignUpForMeal(db: TenantDb, input: MealSignup & DeskPerson & { dateId: string }, actor: string) {
  return db.transaction().execute(async (trx) => {
    const memberId = await deskPersonId(trx, input, actor);
    if (!memberId) return problem("activity_person_required");
    return signUpForMealWithin(trx, { ...input, memberId, byDesk: true });
  });
}

async function signUpForMealWithin(
  trx: Transaction<TenantTables>,
  input: MealSignup & { dateId: string; memberId: string; byDesk?: boolean },
): Promise<Result<{ signupId: string; status: "confirmed" | "waiting" }>> {
  const refused = await mealDateProblem(trx, input.dateId);
  // An unknown date is signUpWithin's to answer, as for any activity.
  if (refused?.error === "kitchen_date_not_meal") return refused;
  const signedUp = await signUpWithin(trx, { dateId: input.dateId, memberId: input.memberId, guests: input.guests, byDesk: input.byDesk });
  if (!signedUp.ok) return signedUp;
  await trx.insertInto("meal_orders").values({ signup_id: signedUp.signupId, takeaway: input.takeaway }).execute();
  const answers = input.people.flatMap((person, number) => (hasAnswer(person) ? [{ signup_id: signedUp.signupId, person: number, ...person }] : []));
  if (answers.length > 0) await trx.insertInto("meal_diet_answers").values(answers).execute();
  return signedUp;
}

// People who eat: everyone with a place or noted as came (someone let in from the waiting list).
const eats = sql<boolean>`(activity_signups.status <> 'waiting' or activity_signups.attended is true)`;

/** Coordinators, and volunteers on a cooking shift of this very date, may see what people eat. */
async function mayReadAnswers(db: TenantDb, dateId: string, viewer: Viewer): Promise<boolean> {
  if (viewer.role === "coordinator") return true;
  if (viewer.role !== "volunteer") return false;
  const cook = await db
    .selectFrom("kitchen_shift_signups")
    .innerJoin("kitchen_shifts", "kitchen_shifts.id", "kitchen_shift_signups.shift_id")
    .select("kitchen_shifts.id")
    .where("kitchen_shifts.date_id", "=", dateId)
    .where("kitchen_shifts.task", "=", "cooking")
    .where("kitchen_shift_signups.member_id", "=", viewer.memberId)
    .executeTakeFirst();
  return Boolean(cook);
}

function answersOf(db: TenantDb, dateId: string) {
  return db
    .selectFrom("meal_diet_answers")
    .innerJoin("activity_signups", "activity_signups.id", "meal_diet_answers.signup_id")
    .innerJoin("members", "members.id", "activity_signups.member_id")
    .select(["meal_diet_answers.signup_id as signupId", "members.name", "meal_diet_answers.person", "meal_diet_answers.allergens", "meal_diet_answers.diets", "meal_diet_answers.note"])
    .where("activity_signups.date_id", "=", dateId)
    .where(eats)
    .orderBy("members.name")
    .orderBy("activity_signups.id")
    .orderBy("meal_diet_answers.person")
    .execute();
}

/** The allergies and diets per person for the kitchen, for those who may see them. */
export async function mealAnswersFor(db: TenantDb, dateId: string, viewer: Viewer): Promise<Result<{ answers: Awaited<ReturnType<typeof answersOf>> }>> {
  const refused = await mealDateProblem(db, dateId);
  if (refused) return refused;
  if (!(await mayReadAnswers(db, dateId, viewer))) return problem("kitchen_answers_not_yours");
  return { ok: true, answers: await answersOf(db, dateId) };
}

/**
 * Everything the kitchen prints for a meal: the meal, its menu, who eats (portions, eat in or take
 * away), the totals, and, only for those who may see them, the allergies and diets per person
 * (`answers` is null for anyone else).
 */
export async function kitchenList(db: TenantDb, dateId: string, viewer: Viewer) {
  const meal = await db
    .selectFrom("activity_dates")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .select([
      "activities.title",
      "activities.kind",
      sql<string>`activity_dates.day::text`.as("day"),
      sql<string>`to_char(activity_dates.starts_at, 'HH24:MI')`.as("start"),
      sql<string>`to_char(activity_dates.ends_at, 'HH24:MI')`.as("end"),
      "activity_dates.cancelled_at",
    ])
    .where("activity_dates.id", "=", dateId)
    .executeTakeFirst();
  if (!meal) return problem("kitchen_date_unknown");
  if (meal.kind !== "meal") return problem("kitchen_date_not_meal");
  const [dishes, eaters, answers] = await Promise.all([
    menuOf(db, dateId),
    db
      .selectFrom("activity_signups")
      .innerJoin("members", "members.id", "activity_signups.member_id")
      .leftJoin("meal_orders", "meal_orders.signup_id", "activity_signups.id")
      .select(["activity_signups.id as signupId", "members.name", sql<number>`1 + activity_signups.guests`.as("portions"), sql<boolean>`coalesce(meal_orders.takeaway, false)`.as("takeaway")])
      .where("activity_signups.date_id", "=", dateId)
      .where(eats)
      .orderBy("members.name")
      .orderBy("activity_signups.id")
      .execute(),
    mayReadAnswers(db, dateId, viewer).then((may) => (may ? answersOf(db, dateId) : null)),
  ]);
  const portions = (takeaway: boolean) => eaters.filter((eater) => eater.takeaway === takeaway).reduce((sum, eater) => sum + eater.portions, 0);
  return {
    ok: true as const,
    meal: { title: meal.title, day: meal.day, start: meal.start, end: meal.end, cancelled: meal.cancelled_at !== null },
    dishes,
    eaters,
    answers,
    totals: { eatIn: portions(false), takeaway: portions(true) },
  };
}

/**
 * Health data is kept for one meal only: on the 30th day after a meal its answers are deleted.
 * Answers the number deleted.
 */
export async function purgeOldDietAnswers(db: TenantDb, today: string): Promise<number> {
  const deleted = await db
    .deleteFrom("meal_diet_answers")
    .where(
      "signup_id",
      "in",
      db
        .selectFrom("activity_signups")
        .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
        .select("activity_signups.id")
        .where("activity_dates.day", "<=", addDays(today, -30)),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Shifts

const time = z.string({ error: "kitchen_shift_time_invalid" }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "kitchen_shift_time_invalid");

export const shiftSchema = z
  .object({
    task: z.enum(shiftTasks, { error: "kitchen_shift_task_invalid" }),
    start: time,
    end: time,
    minPeople: z.coerce
      .number({ error: "kitchen_shift_min_people_invalid" })
      .int("kitchen_shift_min_people_invalid")
      .min(1, "kitchen_shift_min_people_invalid")
      .max(20, "kitchen_shift_min_people_invalid"),
  })
  .superRefine((shift, context) => {
    if (shift.end <= shift.start) context.addIssue({ code: "custom", path: ["end"], message: "kitchen_shift_end_before_start" });
  });
export type ShiftInput = z.output<typeof shiftSchema>;

export async function addShift(db: TenantDb, dateId: string, input: ShiftInput): Promise<Result<{ shiftId: string }>> {
  const refused = await mealDateProblem(db, dateId);
  if (refused) return refused;
  const shift = await db
    .insertInto("kitchen_shifts")
    .values({ date_id: dateId, task: input.task, starts_at: input.start, ends_at: input.end, min_people: input.minPeople })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, shiftId: shift.id };
}

/** Removes a shift of this date (and who was on it). */
export async function removeShift(db: TenantDb, input: { dateId: string; shiftId: string }): Promise<Result> {
  const removed = await db.deleteFrom("kitchen_shifts").where("id", "=", input.shiftId).where("date_id", "=", input.dateId).executeTakeFirst();
  return removed.numDeletedRows > 0n ? { ok: true } : problem("kitchen_shift_unknown");
}

/**
 * Puts a volunteer or coordinator on a shift. The table's key refuses the same person twice, also
 * when two requests arrive at once; that is answered, not thrown.
 */
export async function takeShift(db: TenantDb, input: { shiftId: string; memberId: string }): Promise<Result> {
  const member = await db.selectFrom("members").select("role").where("id", "=", input.memberId).executeTakeFirst();
  if (member?.role !== "volunteer" && member?.role !== "coordinator") return problem("kitchen_shift_volunteers_only");
  // A cooking shift opens the meal's allergy answers: only for a meal that is still to come.
  const shift = await db
    .selectFrom("kitchen_shifts")
    .innerJoin("activity_dates", "activity_dates.id", "kitchen_shifts.date_id")
    .select(["activity_dates.cancelled_at", sql<boolean>`(activity_dates.day + kitchen_shifts.ends_at) at time zone ${TIME_ZONE} < now()`.as("over")])
    .where("kitchen_shifts.id", "=", input.shiftId)
    .executeTakeFirst();
  if (!shift) return problem("kitchen_shift_unknown");
  if (shift.cancelled_at || shift.over) return problem("kitchen_shift_closed");
  try {
    await db.insertInto("kitchen_shift_signups").values({ shift_id: input.shiftId, member_id: input.memberId }).execute();
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "23505") return problem("kitchen_shift_already_yours");
    // The shift is not there (removed meanwhile, or not of this neighbourhood).
    if (code === "23503") return problem("kitchen_shift_unknown");
    throw error;
  }
}

export async function leaveShift(db: TenantDb, input: { shiftId: string; memberId: string }): Promise<Result> {
  const left = await db.deleteFrom("kitchen_shift_signups").where("shift_id", "=", input.shiftId).where("member_id", "=", input.memberId).executeTakeFirst();
  return left.numDeletedRows > 0n ? { ok: true } : problem("kitchen_shift_not_yours");
}

/** The shifts of a meal date with the people on them, and how many are still needed (`gap`). */
export async function shiftsOf(db: TenantDb, dateId: string) {
  const [shifts, people] = await Promise.all([
    db
      .selectFrom("kitchen_shifts")
      .select(["id", "task", sql<string>`to_char(starts_at, 'HH24:MI')`.as("start"), sql<string>`to_char(ends_at, 'HH24:MI')`.as("end"), "min_people as minPeople"])
      .where("date_id", "=", dateId)
      .orderBy("starts_at")
      .orderBy("task")
      .execute(),
    db
      .selectFrom("kitchen_shift_signups")
      .innerJoin("kitchen_shifts", "kitchen_shifts.id", "kitchen_shift_signups.shift_id")
      .innerJoin("members", "members.id", "kitchen_shift_signups.member_id")
      .select(["kitchen_shift_signups.shift_id", "members.id", "members.name"])
      .where("kitchen_shifts.date_id", "=", dateId)
      .orderBy("kitchen_shift_signups.created_at")
      .execute(),
  ]);
  return shifts.map((shift) => {
    const on = people.filter((person) => person.shift_id === shift.id).map((person) => ({ memberId: person.id, name: person.name }));
    return { ...shift, people: on, gap: Math.max(0, shift.minPeople - on.length) };
  });
}

/** Shifts of meals from `from` to `to` (days, both included) with fewer people than they need, for the coordinator. */
export async function rotaGaps(db: TenantDb, period: { from: string; to: string }) {
  const signedUp = sql<number>`count(kitchen_shift_signups.member_id)::int`;
  const shifts = await db
    .selectFrom("kitchen_shifts")
    .innerJoin("activity_dates", "activity_dates.id", "kitchen_shifts.date_id")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .leftJoin("kitchen_shift_signups", "kitchen_shift_signups.shift_id", "kitchen_shifts.id")
    .select([
      "kitchen_shifts.id as shiftId",
      "kitchen_shifts.date_id as dateId",
      "activities.title",
      sql<string>`activity_dates.day::text`.as("day"),
      "kitchen_shifts.task",
      sql<string>`to_char(kitchen_shifts.starts_at, 'HH24:MI')`.as("start"),
      sql<string>`to_char(kitchen_shifts.ends_at, 'HH24:MI')`.as("end"),
      "kitchen_shifts.min_people as minPeople",
      signedUp.as("signedUp"),
    ])
    .where("activity_dates.day", ">=", period.from)
    .where("activity_dates.day", "<=", period.to)
    .where("activity_dates.cancelled_at", "is", null)
    .groupBy(["kitchen_shifts.id", "activity_dates.id", "activities.id"])
    .having(signedUp, "<", sql.ref<number>("kitchen_shifts.min_people"))
    .orderBy("activity_dates.day")
    .orderBy("kitchen_shifts.starts_at")
    .orderBy("kitchen_shifts.task")
    .execute();
  return shifts.map((shift) => ({ ...shift, gap: shift.minPeople - shift.signedUp }));
}

// ---------------------------------------------------------------------------------------------
// Costs and payments

export const costSchema = z.object({
  description: requiredText(200, "kitchen_cost_description_required"),
  amount: euroCentsSchema.transform((cents, context) => {
    if (cents !== null && cents > 0) return cents;
    context.addIssue({ code: "custom", message: "kitchen_cost_amount_invalid" });
    return z.NEVER;
  }),
});
export type CostInput = z.output<typeof costSchema>;

export async function addCost(db: TenantDb, dateId: string, input: CostInput, actor: string): Promise<Result<{ costId: string }>> {
  const refused = await mealDateProblem(db, dateId);
  if (refused) return refused;
  const cost = await db
    .insertInto("meal_costs")
    .values({ date_id: dateId, description: input.description, amount_cents: input.amount, created_by: actor })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, costId: cost.id };
}

export async function removeCost(db: TenantDb, input: { dateId: string; costId: string }): Promise<Result> {
  const removed = await db.deleteFrom("meal_costs").where("id", "=", input.costId).where("date_id", "=", input.dateId).executeTakeFirst();
  return removed.numDeletedRows > 0n ? { ok: true } : problem("kitchen_cost_unknown");
}

export function costsOf(db: TenantDb, dateId: string) {
  return db.selectFrom("meal_costs").select(["id", "description", "amount_cents", "created_at"]).where("date_id", "=", dateId).orderBy("created_at").execute();
}

export interface CostPrice {
  totalCents: number;
  /** Portions served: people who came with their guests (see signupsThatCame). */
  portions: number;
  /** Rounded up to whole cents; null while no portions were served. */
  perPortionCents: number | null;
  /** The cost price per portion rounded up to the next 50 cents, the easy amount to ask in cash. */
  roundedCents: number | null;
}

export async function costPrice(db: TenantDb, dateId: string): Promise<CostPrice> {
  const [costs, served] = await Promise.all([
    db.selectFrom("meal_costs").select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as("total")).where("date_id", "=", dateId).executeTakeFirstOrThrow(),
    signupsThatCame(db)
      .select(sql<number>`coalesce(sum(1 + activity_signups.guests), 0)::int`.as("portions"))
      .where("activity_signups.date_id", "=", dateId)
      .executeTakeFirstOrThrow(),
  ]);
  const perPortionCents = served.portions > 0 ? Math.ceil(costs.total / served.portions) : null;
  return { totalCents: costs.total, portions: served.portions, perPortionCents, roundedCents: perPortionCents === null ? null : Math.ceil(perPortionCents / 50) * 50 };
}

export const paymentSchema = z
  .object({
    choice: z.enum(paymentChoices, { error: "kitchen_payment_choice_invalid" }),
    method: z.enum(paymentMethods, { error: "kitchen_payment_method_invalid" }),
  })
  .superRefine((form, context) => {
    // Paying nothing is not paying; paying something is paying.
    if ((form.choice === "waived") !== (form.method === "waived")) context.addIssue({ code: "custom", path: ["method"], message: "kitchen_payment_method_invalid" });
  });
export type PaymentInput = z.output<typeof paymentSchema>;

/** The ledger's reason for a meal the desk let someone eat for free (one click, no questions asked). */
const MEAL_WAIVED = "Maaltijd zonder betalen, afgesproken aan de balie";

/**
 * Puts in the ledger what a sign-up paid for its portions (the person and their guests): the cost
 * price per portion, that rounded up to 50 cents, or nothing. It is recorded once: a mistake is
 * put right by a coordinator's refund, not by writing over it.
 */
export async function recordPayment(db: TenantDb, input: PaymentInput & { signupId: string }, actor: string): Promise<Result<{ amountCents: number }>> {
  return db.transaction().execute(async (trx) => {
    const signup = await trx
      .selectFrom("activity_signups")
      .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
      .innerJoin("activities", "activities.id", "activity_dates.activity_id")
      .select([
        "activity_signups.date_id",
        "activity_signups.guests",
        "activity_signups.member_id",
        eats.as("eats"),
        "activities.kind",
        signupDescription.as("description"),
      ])
      .where("activity_signups.id", "=", input.signupId)
      .forUpdate("activity_signups")
      .executeTakeFirst();
    if (!signup) return problem("kitchen_signup_unknown");
    if (signup.kind !== "meal") return problem("kitchen_date_not_meal");
    if (!signup.eats) return problem("kitchen_signup_waiting");
    const recorded = await trx
      .selectFrom("ledger_entries")
      .select("id")
      .where("record_type", "=", "activity_signup")
      .where("record_id", "=", input.signupId)
      .where("kind", "<>", "refund")
      .executeTakeFirst();
    if (recorded) return problem("kitchen_payment_already_recorded");
    const price = await costPrice(trx, signup.date_id);
    const perPortion = { cost: price.perPortionCents, rounded: price.roundedCents, waived: price.perPortionCents ?? 0 }[input.choice];
    if (perPortion === null) return problem("kitchen_no_cost_price");
    const amount = perPortion * (1 + signup.guests);
    const due = { module: "kitchen", recordType: "activity_signup", recordId: input.signupId, purpose: "meal", amountCents: amount, description: signup.description, memberId: signup.member_id } as const;
    await settleAtDesk(trx, due, input.method, input.method === "waived" ? MEAL_WAIVED : null, actor);
    // What was asked of them: nothing, their reduced tariff's share, or the whole amount.
    return { ok: true, amountCents: input.method === "waived" ? 0 : await payableAtDesk(trx, signup.member_id, amount) };
  });
}

// ---------------------------------------------------------------------------------------------
// A person's own data

/**
 * When a person erases their data: their shifts and their diet answers go. The foreign keys would
 * take them along with the person's row as well; this does not rely on that.
 */
export async function forgetKitchenOf(trx: Transaction<TenantTables>, memberId: string): Promise<void> {
  await trx.deleteFrom("kitchen_shift_signups").where("member_id", "=", memberId).execute();
  await trx
    .deleteFrom("meal_diet_answers")
    .where("signup_id", "in", trx.selectFrom("activity_signups").select("id").where("member_id", "=", memberId))
    .execute();
}

/** Everything the kitchen keeps about a person, for the export of their own data. */
export async function kitchenDataOf(db: TenantDb, memberId: string) {
  const meals = db
    .selectFrom("activity_signups")
    .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
    .innerJoin("activities", "activities.id", "activity_dates.activity_id")
    .where("activity_signups.member_id", "=", memberId)
    .where("activities.kind", "=", "meal")
    .orderBy("activity_dates.day");
  const meal = ["activities.title", sql<string>`activity_dates.day::text`.as("day")] as const;
  const [shifts, orders, dietAnswers] = await Promise.all([
    db
      .selectFrom("kitchen_shift_signups")
      .innerJoin("kitchen_shifts", "kitchen_shifts.id", "kitchen_shift_signups.shift_id")
      .innerJoin("activity_dates", "activity_dates.id", "kitchen_shifts.date_id")
      .innerJoin("activities", "activities.id", "activity_dates.activity_id")
      .select([
        ...meal,
        "kitchen_shifts.task",
        sql<string>`to_char(kitchen_shifts.starts_at, 'HH24:MI')`.as("start"),
        sql<string>`to_char(kitchen_shifts.ends_at, 'HH24:MI')`.as("end"),
        "kitchen_shift_signups.created_at",
      ])
      .where("kitchen_shift_signups.member_id", "=", memberId)
      .orderBy("activity_dates.day")
      .execute(),
    meals.innerJoin("meal_orders", "meal_orders.signup_id", "activity_signups.id").select([...meal, "meal_orders.takeaway"]).execute(),
    meals
      .innerJoin("meal_diet_answers", "meal_diet_answers.signup_id", "activity_signups.id")
      .select([...meal, "meal_diet_answers.person", "meal_diet_answers.allergens", "meal_diet_answers.diets", "meal_diet_answers.note"])
      .orderBy("meal_diet_answers.person")
      .execute(),
  ]);
  return { shifts, orders, dietAnswers };
}
