import { type Kysely, sql } from "kysely";

// The neighbourhood kitchen: a meal is an activity date of kind 'meal', with a menu, what each
// person eats (eat in or take away, allergies and diets), the volunteers' shifts, the costs and
// what each sign-up paid.
//
// Orders, diet answers and payments hang on the sign-up and take the date from it, rather than
// keeping a copy of `date_id` that could come to differ from the sign-up's. They go with the
// sign-up (cancelled, or the person erased). Diet answers are health data: only people with
// something to say get a row, and they are deleted 30 days after the meal (purgeOldDietAnswers).
//
// The codes are copied here rather than imported: a migration describes the schema as it was
// when it ran, whatever app/modules/kitchen/allergens.ts says later.
const allergenCodes = ["gluten", "crustaceans", "eggs", "fish", "peanuts", "soybeans", "milk", "nuts", "celery", "mustard", "sesame", "sulphites", "lupin", "molluscs"];
const dietCodes = ["vegetarian", "vegan", "halal", "no_pork"];
const codes = (list: string[]) => sql`array[${sql.join(list.map((code) => sql.lit(code)))}]::text[]`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meal_dishes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("date_id", "uuid", (c) => c.notNull().references("activity_dates.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn("allergens", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`allergens <@ ${codes(allergenCodes)}`))
    .addColumn("diets", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`diets <@ ${codes(dietCodes)}`))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`"position" between 0 and 19`))
    .addUniqueConstraint("meal_dishes_position", ["date_id", "position"])
    .execute();

  await db.schema
    .createTable("meal_orders")
    .addColumn("signup_id", "uuid", (c) => c.primaryKey().references("activity_signups.id").onDelete("cascade"))
    .addColumn("takeaway", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable("meal_diet_answers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("signup_id", "uuid", (c) => c.notNull().references("activity_signups.id").onDelete("cascade"))
    .addColumn("person", "integer", (c) => c.notNull().check(sql`person between 0 and 10`))
    .addColumn("allergens", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`allergens <@ ${codes(allergenCodes)}`))
    .addColumn("diets", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`diets <@ ${codes(dietCodes)}`))
    .addColumn("note", "text", (c) => c.check(sql`char_length(note) between 1 and 200`))
    .addUniqueConstraint("meal_diet_answers_once", ["signup_id", "person"])
    .addCheckConstraint("meal_diet_answers_not_empty", sql`cardinality(allergens) > 0 or cardinality(diets) > 0 or note is not null`)
    .execute();

  await db.schema
    .createTable("kitchen_shifts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("date_id", "uuid", (c) => c.notNull().references("activity_dates.id").onDelete("cascade"))
    .addColumn("task", "text", (c) => c.notNull().check(sql`task in ('shopping', 'cooking', 'serving', 'washing_up')`))
    .addColumn("starts_at", "time", (c) => c.notNull())
    .addColumn("ends_at", "time", (c) => c.notNull())
    .addColumn("min_people", "integer", (c) => c.notNull().check(sql`min_people between 1 and 20`))
    .addCheckConstraint("kitchen_shifts_end_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("kitchen_shifts_date").on("kitchen_shifts").column("date_id").execute();

  await db.schema
    .createTable("kitchen_shift_signups")
    .addColumn("shift_id", "uuid", (c) => c.notNull().references("kitchen_shifts.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // Two clicks (or two tabs) cannot put someone on the same shift twice.
    .addPrimaryKeyConstraint("kitchen_shift_signups_once", ["shift_id", "member_id"])
    .execute();
  await db.schema.createIndex("kitchen_shift_signups_member").on("kitchen_shift_signups").column("member_id").execute();

  await db.schema
    .createTable("meal_costs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("date_id", "uuid", (c) => c.notNull().references("activity_dates.id").onDelete("cascade"))
    .addColumn("description", "text", (c) => c.notNull().check(sql`char_length(description) between 1 and 200`))
    .addColumn("amount_cents", "integer", (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("meal_costs_date").on("meal_costs").column("date_id").execute();

  await db.schema
    .createTable("meal_payments")
    .addColumn("signup_id", "uuid", (c) => c.primaryKey().references("activity_signups.id").onDelete("cascade"))
    .addColumn("amount_cents", "integer", (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('cash', 'waived')`))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("recorded_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addCheckConstraint("meal_payments_waived_is_nothing", sql`method <> 'waived' or amount_cents = 0`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["meal_payments", "meal_costs", "kitchen_shift_signups", "kitchen_shifts", "meal_diet_answers", "meal_orders", "meal_dishes"]) {
    await db.schema.dropTable(table).execute();
  }
}
