import type { ColumnType, Generated } from "kysely";
import type { Allergen, Diet } from "./allergens";

/** Tables of the kitchen module inside every neighbourhood's schema (see db/migrations/tenant/0014_kitchen.ts). */
export interface KitchenTables {
  meal_dishes: MealDishesTable;
  meal_orders: MealOrdersTable;
  meal_diet_answers: MealDietAnswersTable;
  kitchen_shifts: KitchenShiftsTable;
  kitchen_shift_signups: KitchenShiftSignupsTable;
  meal_costs: MealCostsTable;
}

export const shiftTasks = ["shopping", "cooking", "serving", "washing_up"] as const;
export type ShiftTask = (typeof shiftTasks)[number];

export const paymentMethods = ["cash", "waived"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
/** What the desk asks of someone: the cost price of their portions, that rounded up to 50 cents, or nothing. */
export const paymentChoices = ["cost", "rounded", "waived"] as const;
export type PaymentChoice = (typeof paymentChoices)[number];

/** The menu of one meal date, in the order it is served. */
export interface MealDishesTable {
  id: Generated<string>;
  date_id: string;
  name: string;
  allergens: ColumnType<Allergen[], Allergen[] | undefined, Allergen[]>;
  diets: ColumnType<Diet[], Diet[] | undefined, Diet[]>;
  position: number;
}

/** Eat in or take away, per sign-up for a meal. */
export interface MealOrdersTable {
  signup_id: string;
  takeaway: Generated<boolean>;
}

/** Health data: kept for one meal only, deleted 30 days after its day (purgeOldDietAnswers). */
export interface MealDietAnswersTable {
  id: Generated<string>;
  signup_id: string;
  /** 0: the person who signed up; 1 to 10: their guests. */
  person: number;
  allergens: ColumnType<Allergen[], Allergen[] | undefined, Allergen[]>;
  diets: ColumnType<Diet[], Diet[] | undefined, Diet[]>;
  note: string | null;
}

/** Times are read as "HH:MM" (to_char) and written as "HH:MM". */
export interface KitchenShiftsTable {
  id: Generated<string>;
  date_id: string;
  task: ShiftTask;
  starts_at: string;
  ends_at: string;
  min_people: number;
}

export interface KitchenShiftSignupsTable {
  shift_id: string;
  member_id: string;
  created_at: ColumnType<Date, never, never>;
}

export interface MealCostsTable {
  id: Generated<string>;
  date_id: string;
  description: string;
  amount_cents: number;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
}
