import { readFileSync } from "node:fs";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb, tenantSchemaName, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { messages } from "~/i18n/messages";
import { createAccount } from "~/modules/accounts/accounts.server";
import { createActivity } from "~/modules/activities/activities.server";
import { startJobQueue } from "~/modules/jobs/job-queue.server";
import type { Allergen } from "~/modules/kitchen/allergens";
import {
  addCost,
  addShift,
  costPrice,
  costSchema,
  costsOf,
  forgetKitchenOf,
  kitchenDataOf,
  kitchenList,
  leaveShift,
  mealAnswersFor,
  menuOf,
  parseMealSignupForm,
  parseMenuForm,
  paymentSchema,
  purgeOldDietAnswers,
  recordPayment,
  removeCost,
  removeShift,
  rotaGaps,
  setMenu,
  shiftSchema,
  shiftsOf,
  signUpForMeal,
  takeShift,
} from "~/modules/kitchen/kitchen.server";
import { kitchenValidation } from "~/modules/kitchen/messages";
import { DAILY_KITCHEN_PURGE, scheduleKitchenPurge } from "~/modules/kitchen/purge-jobs.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { eventually } from "./support/eventually";
import { aMember } from "./support/factories";
import { ledgerOf } from "./support/ledger";
import { paymentsOf } from "~/modules/payments/ledger.server";

let database: Database;
let wijk: TenantRow;
let other: TenantRow;
const db = () => tenantDb(database, wijk.id);
const otherDb = () => tenantDb(database, other.id);
const today = localToday();
const soon = addDays(today, 7);

/** A meal on `day` (default in a week) with `capacity` portions, planned by a new coordinator. */
async function aMeal(options: { target?: TenantDb; capacity?: number; day?: string; kind?: "meal" | "activity" } = {}) {
  const target = options.target ?? db();
  const coordinator = await aMember(target, { role: "coordinator" });
  const schedule = { firstDay: options.day ?? soon, start: "18:00", end: "20:00", frequency: "once" as const, untilDay: undefined };
  const kind = options.kind ?? "meal";
  const made = await createActivity(target, { title: kind === "meal" ? "Buurtmaaltijd" : "Wandeling", capacity: options.capacity ?? 20, kind, schedule }, coordinator.id);
  return { dateId: made.dateIds[0]!, coordinator };
}

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, values] of Object.entries(fields)) for (const value of [values].flat()) form.append(key, value);
  return form;
}

/** Signs up through the form as the page sends it; throws when the form itself is refused. */
async function mealSignup(dateId: string, memberId: string, fields: Record<string, string | string[]> = {}, options: { target?: TenantDb; byDesk?: boolean } = {}) {
  const parsed = parseMealSignupForm(formOf(fields));
  if (!parsed.ok) throw new Error(`the form was refused: ${JSON.stringify(parsed.errors)}`);
  return signUpForMeal(options.target ?? db(), { ...parsed.data, dateId, memberId, byDesk: options.byDesk });
}

const answersOn = (dateId: string, target = db()) =>
  target
    .selectFrom("meal_diet_answers")
    .innerJoin("activity_signups", "activity_signups.id", "meal_diet_answers.signup_id")
    .select(["activity_signups.member_id", "meal_diet_answers.person", "meal_diet_answers.allergens", "meal_diet_answers.diets", "meal_diet_answers.note"])
    .where("activity_signups.date_id", "=", dateId)
    .orderBy("activity_signups.created_at")
    .orderBy("meal_diet_answers.person")
    .execute();
const signupsOn = (dateId: string) => db().selectFrom("activity_signups").select(["id", "member_id", "status"]).where("date_id", "=", dateId).orderBy("created_at").execute();
const placesTaken = async (dateId: string) => (await db().selectFrom("activity_dates").select("places_taken").where("id", "=", dateId).executeTakeFirstOrThrow()).places_taken;
const viewerOf = (member: { id: string; role: Role }) => ({ memberId: member.id, role: member.role });
const aShift = async (dateId: string, task: "shopping" | "cooking" | "serving" | "washing_up", minPeople = 1, target = db()) => {
  const added = await addShift(target, dateId, shiftSchema.parse({ task, start: "16:00", end: "18:00", minPeople: String(minPeople) }));
  if (!added.ok) throw new Error(`the shift was refused: ${added.error}`);
  return added.shiftId;
};

/** A neighbourhood of the test's own, for a test that purges all its answers. */
const aNeighbourhood = async () => {
  const tenant = await createTenant(database, { slug: uniqueSlug("keuken"), name: "Keukenwijk" }, seedNeighbourhood({ city: "Kookstad" }));
  return tenantDb(database, tenant.id);
};

beforeAll(async () => {
  database = await openTestDatabase();
  wijk = await createTenant(database, { slug: uniqueSlug("lindenholt"), name: "Wijkwerkplaats Lindenholt" }, seedNeighbourhood({ city: "Nijmegen" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
});
afterAll(async () => {
  await database.close();
});

describe("the menu", () => {
  it("is replaced as a whole, in order, with each dish's allergens; empty rows of the form are no dish", async () => {
    const { dateId } = await aMeal();
    const form = parseMenuForm(
      formOf({ name_0: "Erwtensoep", allergens_0: ["celery", "mustard"], name_1: "", name_2: "Appeltaart", allergens_2: ["gluten", "eggs", "milk"], diets_2: "vegetarian" }),
    );
    expect(form.ok).toBe(true);
    expect(await setMenu(db(), dateId, form.ok ? form.data.dishes : [])).toEqual({ ok: true });
    expect(await menuOf(db(), dateId)).toEqual([
      { name: "Erwtensoep", allergens: ["celery", "mustard"], diets: [] },
      { name: "Appeltaart", allergens: ["gluten", "eggs", "milk"], diets: ["vegetarian"] },
    ]);

    expect(await setMenu(db(), dateId, [{ name: "Stamppot", allergens: [], diets: ["halal"] }])).toEqual({ ok: true });
    expect(await menuOf(db(), dateId)).toEqual([{ name: "Stamppot", allergens: [], diets: ["halal"] }]);
  });

  it("belongs to a meal of this neighbourhood only", async () => {
    const walk = await aMeal({ kind: "activity" });
    expect(await setMenu(db(), walk.dateId, [{ name: "Soep", allergens: [], diets: [] }])).toEqual({ ok: false, error: "kitchen_date_not_meal" });
    const { dateId } = await aMeal();
    await setMenu(db(), dateId, [{ name: "Soep", allergens: ["celery"], diets: [] }]);
    expect(await setMenu(otherDb(), dateId, [])).toEqual({ ok: false, error: "kitchen_date_unknown" });
    expect(await menuOf(db(), dateId)).toEqual([{ name: "Soep", allergens: ["celery"], diets: [] }]);
  });

  it("refuses an unknown allergen and a dish without a name, next to their fields", () => {
    const form = parseMenuForm(formOf({ name_0: "Soep", allergens_0: "chocolade", name_1: "", diets_1: "vegan" }));
    expect(form).toMatchObject({ ok: false, errors: { allergens_0: "kitchen_allergen_invalid", name_1: "kitchen_dish_name_required" } });
  });
});

describe("signing up for a meal", () => {
  it("stores eat in or take away, and the answers of each person who has something to say", async () => {
    const { dateId, coordinator } = await aMeal();
    const fatima = await aMember(db(), { name: "Fatima" });
    const signedUp = await mealSignup(dateId, fatima.id, {
      guests: "2",
      takeaway: "ja",
      allergens_0: ["peanuts", "nuts", "peanuts"],
      note_0: "  Ook geen sporen van pinda's  ",
      diets_1: "vegan",
      note_2: "",
    });
    expect(signedUp).toMatchObject({ ok: true, status: "confirmed" });
    const order = await db().selectFrom("meal_orders").select("takeaway").where("signup_id", "=", signedUp.ok ? signedUp.signupId : "").executeTakeFirstOrThrow();
    expect(order.takeaway).toBe(true);
    // Guest 2 said nothing, so has no row; a ticked box sent twice counts once.
    expect(await answersOn(dateId)).toEqual([
      { member_id: fatima.id, person: 0, allergens: ["peanuts", "nuts"], diets: [], note: "Ook geen sporen van pinda's" },
      { member_id: fatima.id, person: 1, allergens: [], diets: ["vegan"], note: null },
    ]);
    expect(await placesTaken(dateId)).toBe(3);
    const seen = await mealAnswersFor(db(), dateId, viewerOf(coordinator));
    expect(seen).toMatchObject({ ok: true, answers: [{ name: "Fatima", person: 0, allergens: ["peanuts", "nuts"] }, { name: "Fatima", person: 1, diets: ["vegan"] }] });
  });

  it("a full meal puts people on the waiting list with their answers; the kitchen list leaves them out", async () => {
    const { dateId, coordinator } = await aMeal({ capacity: 2 });
    const [first, second] = [await aMember(db(), { name: "Eerste" }), await aMember(db(), { name: "Tweede" })];
    expect(await mealSignup(dateId, first.id, { guests: "1" })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await mealSignup(dateId, second.id, { allergens_0: "milk" })).toMatchObject({ ok: true, status: "waiting" });
    expect(await answersOn(dateId)).toEqual([{ member_id: second.id, person: 0, allergens: ["milk"], diets: [], note: null }]);
    const list = await kitchenList(db(), dateId, viewerOf(coordinator));
    expect(list).toMatchObject({ ok: true, eaters: [{ name: "Eerste", portions: 2, takeaway: false }], answers: [], totals: { eatIn: 2, takeaway: 0 } });
  });

  it("a refused sign-up stores nothing: a called-off meal, or signing up twice", async () => {
    const { dateId } = await aMeal();
    await db().updateTable("activity_dates").set({ cancelled_at: new Date(), cancel_reason: "Geen koks" }).where("id", "=", dateId).execute();
    const person = await aMember(db());
    expect(await mealSignup(dateId, person.id, { guests: "1", takeaway: "ja", allergens_0: "gluten", diets_1: "halal" })).toEqual({ ok: false, error: "activity_date_cancelled" });
    expect(await signupsOn(dateId)).toEqual([]);
    expect(await answersOn(dateId)).toEqual([]);
    expect(await db().selectFrom("meal_orders").innerJoin("activity_signups", "activity_signups.id", "meal_orders.signup_id").select("signup_id").where("date_id", "=", dateId).execute()).toEqual([]);

    const open = await aMeal();
    expect(await mealSignup(open.dateId, person.id, { allergens_0: "fish" })).toMatchObject({ ok: true });
    expect(await mealSignup(open.dateId, person.id, { guests: "3", allergens_0: "eggs", allergens_1: "milk" })).toEqual({ ok: false, error: "activity_already_signed_up" });
    expect(await answersOn(open.dateId)).toEqual([{ member_id: person.id, person: 0, allergens: ["fish"], diets: [], note: null }]);
    expect(await placesTaken(open.dateId)).toBe(1);
  });

  it("when the answers cannot be stored, the sign-up is undone as well (one transaction)", async () => {
    const { dateId } = await aMeal();
    const person = await aMember(db());
    // Past the form's check, the table's own check refuses a code that is not an allergen.
    const bad = [{ allergens: ["chocolate" as Allergen], diets: [], note: null }];
    await expect(signUpForMeal(db(), { dateId, memberId: person.id, guests: 0, takeaway: false, people: bad })).rejects.toThrow();
    expect(await signupsOn(dateId)).toEqual([]);
    expect(await placesTaken(dateId)).toBe(0);
  });

  it("a walk is not a meal", async () => {
    const walk = await aMeal({ kind: "activity" });
    const person = await aMember(db());
    expect(await mealSignup(walk.dateId, person.id, { allergens_0: "milk" })).toEqual({ ok: false, error: "kitchen_date_not_meal" });
    expect(await signupsOn(walk.dateId)).toEqual([]);
  });

  it("bad input gets a key next to its field, with a Dutch and an English text", () => {
    const cases: [Record<string, string | string[]>, Record<string, string>][] = [
      [{ guests: "11" }, { guests: "kitchen_guests_invalid" }],
      [{ guests: "twee" }, { guests: "kitchen_guests_invalid" }],
      [{ guests: "-1" }, { guests: "kitchen_guests_invalid" }],
      [{ guests: "1", allergens_1: ["milk", "chocolade"] }, { allergens_1: "kitchen_allergen_invalid" }],
      [{ diets_0: "carnivoor" }, { diets_0: "kitchen_diet_invalid" }],
      [{ guests: "1", note_2: "pinda's" }, { guests: "kitchen_too_many_people" }],
      [{ note_0: "x".repeat(201) }, { note_0: "kitchen_note_too_long" }],
      [{ takeaway: "misschien" }, { takeaway: "yes_no_invalid" }],
    ];
    for (const [fields, errors] of cases) {
      const parsed = parseMealSignupForm(formOf(fields));
      expect(parsed.ok ? "accepted" : parsed.errors, JSON.stringify(fields)).toEqual(errors);
      for (const key of Object.values(errors)) {
        expect(messages.nl.validation[key as keyof typeof messages.nl.validation], key).toMatch(/\w/);
        expect(messages.en.validation[key as keyof typeof messages.en.validation], key).toMatch(/\w/);
      }
    }
    // What was typed comes back, ticked boxes joined.
    const refused = parseMealSignupForm(formOf({ guests: "1", allergens_1: ["milk", "chocolade"] }));
    expect(refused).toMatchObject({ ok: false, values: { guests: "1", allergens_1: "milk,chocolade" } });
    // Rows for guests who are not coming are fine while empty, and dropped.
    const fine = parseMealSignupForm(formOf({ guests: "0", note_0: "", allergens_3: [], note_3: "" }));
    expect(fine).toMatchObject({ ok: true, data: { guests: 0, takeaway: false, people: [{ allergens: [], diets: [], note: null }] } });
    expect(fine.ok && fine.data.people).toHaveLength(1);
  });

  it("every kitchen key the module can answer has a Dutch and an English text", async () => {
    const source = readFileSync("app/modules/kitchen/kitchen.server.ts", "utf8");
    // Every quoted kitchen_… in the module that is not the name of a table.
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${tenantSchemaName(wijk.id)}`.execute(database.kysely);
    const tableNames = new Set(tables.rows.map((row) => row.table_name));
    const keys = [...new Set([...source.matchAll(/"(kitchen_[a-z_]+)"/g)].map((match) => match[1]!))].filter((key) => !tableNames.has(key));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(kitchenValidation.nl[key as keyof typeof kitchenValidation.nl], key).toMatch(/\w/);
      expect(kitchenValidation.en[key as keyof typeof kitchenValidation.en], key).toMatch(/\w/);
      expect(messages.nl.validation[key as keyof typeof messages.nl.validation], `${key} in t.validation`).toBe(kitchenValidation.nl[key as keyof typeof kitchenValidation.nl]);
    }
    expect(Object.keys(messages.nl.kitchen.allergens)).toHaveLength(14);
  });
});

describe("who sees allergies and diets", () => {
  const secret = "Alleen sporen van pinda";

  async function aMealWithAnswers() {
    const meal = await aMeal();
    const guest = await aMember(db(), { name: "Henk" });
    await mealSignup(meal.dateId, guest.id, { allergens_0: "peanuts", note_0: secret });
    return meal;
  }

  it("the coordinators and the cooks of that meal; not other volunteers, nor residents", async () => {
    const { dateId, coordinator } = await aMealWithAnswers();
    const cookingShift = await aShift(dateId, "cooking");
    const washingShift = await aShift(dateId, "washing_up");
    const otherMeal = await aMeal();
    const cookingElsewhere = await aShift(otherMeal.dateId, "cooking");
    const [cook, washer, cookOfOtherMeal, volunteer, resident] = [
      await aMember(db(), { role: "volunteer" }),
      await aMember(db(), { role: "volunteer" }),
      await aMember(db(), { role: "volunteer" }),
      await aMember(db(), { role: "volunteer" }),
      await aMember(db(), { role: "resident" }),
    ];
    expect(await takeShift(db(), { shiftId: cookingShift, memberId: cook.id })).toEqual({ ok: true });
    expect(await takeShift(db(), { shiftId: washingShift, memberId: washer.id })).toEqual({ ok: true });
    expect(await takeShift(db(), { shiftId: cookingElsewhere, memberId: cookOfOtherMeal.id })).toEqual({ ok: true });

    for (const allowed of [coordinator, cook]) {
      expect(await mealAnswersFor(db(), dateId, viewerOf(allowed))).toMatchObject({ ok: true, answers: [{ name: "Henk", person: 0, allergens: ["peanuts"], note: secret }] });
      expect(await kitchenList(db(), dateId, viewerOf(allowed))).toMatchObject({ ok: true, answers: [{ name: "Henk", note: secret }] });
    }
    for (const refused of [washer, cookOfOtherMeal, volunteer, resident]) {
      expect(await mealAnswersFor(db(), dateId, viewerOf(refused))).toEqual({ ok: false, error: "kitchen_answers_not_yours" });
      const list = await kitchenList(db(), dateId, viewerOf(refused));
      // They still see who eats and how many portions, without a word about health.
      expect(list).toMatchObject({ ok: true, answers: null, eaters: [{ name: "Henk", portions: 1 }], totals: { eatIn: 1, takeaway: 0 } });
      expect(JSON.stringify(list)).not.toContain("pinda");
    }

    // A cook who is no longer a volunteer no longer sees them.
    await db().updateTable("members").set({ role: "resident" }).where("id", "=", cook.id).execute();
    expect(await mealAnswersFor(db(), dateId, { memberId: cook.id, role: "resident" })).toEqual({ ok: false, error: "kitchen_answers_not_yours" });
  });

  it("another neighbourhood can neither read nor change them", async () => {
    const { dateId } = await aMealWithAnswers();
    const before = await answersOn(dateId);
    expect(before).toHaveLength(1);
    const outsider = await aMember(otherDb(), { role: "coordinator" });
    const henk = before[0]!.member_id;

    expect(await mealAnswersFor(otherDb(), dateId, viewerOf(outsider))).toEqual({ ok: false, error: "kitchen_date_unknown" });
    expect(await kitchenList(otherDb(), dateId, viewerOf(outsider))).toEqual({ ok: false, error: "kitchen_date_unknown" });
    expect(await mealSignup(dateId, outsider.id, { allergens_0: "milk" }, { target: otherDb() })).toEqual({ ok: false, error: "activity_date_unknown" });
    expect(await purgeOldDietAnswers(otherDb(), addDays(soon, 400))).toBe(0);
    await otherDb().transaction().execute((trx) => forgetKitchenOf(trx, henk));
    await otherDb().deleteFrom("meal_diet_answers").execute();

    expect(await answersOn(dateId)).toEqual(before);
    expect(await otherDb().selectFrom("meal_diet_answers").select("id").execute()).toEqual([]);
  });
});

describe("keeping answers 30 days", () => {
  it("removes a meal's answers on the 30th day after it, not on the 29th, and keeps the orders", async () => {
    const target = await aNeighbourhood();
    const { dateId } = await aMeal({ target });
    const later = await aMeal({ target, day: addDays(soon, 10) });
    const [person, neighbour] = [await aMember(target), await aMember(target)];
    await mealSignup(dateId, person.id, { guests: "1", takeaway: "ja", allergens_0: "sesame", diets_1: "no_pork" }, { target });
    await mealSignup(later.dateId, neighbour.id, { note_0: "Geen ui" }, { target });

    expect(await purgeOldDietAnswers(target, addDays(soon, 29))).toBe(0);
    expect(await answersOn(dateId, target)).toHaveLength(2);
    expect(await purgeOldDietAnswers(target, addDays(soon, 30))).toBe(2);
    expect(await answersOn(dateId, target)).toEqual([]);
    // The later meal is only 20 days ago; whether someone takes food away is no health data.
    expect(await answersOn(later.dateId, target)).toHaveLength(1);
    expect(await target.selectFrom("meal_orders").select("takeaway").execute()).toHaveLength(2);
  });

  it("the nightly job removes them in every neighbourhood", async () => {
    const target = await aNeighbourhood();
    const old = await aMeal({ target, day: addDays(today, -40) });
    const recent = await aMeal({ target, day: addDays(today, -10) });
    const person = await aMember(target);
    // The desk notes sign-ups for a meal that has passed.
    expect(await mealSignup(old.dateId, person.id, { allergens_0: "lupin" }, { target, byDesk: true })).toMatchObject({ ok: true });
    expect(await mealSignup(recent.dateId, person.id, { allergens_0: "lupin" }, { target, byDesk: true })).toMatchObject({ ok: true });

    const boss = await startJobQueue(database, pino({ level: "silent" }));
    try {
      await scheduleKitchenPurge(boss, database, pino({ level: "silent" }));
      await boss.send(DAILY_KITCHEN_PURGE, {});
      await eventually(async () => (await answersOn(old.dateId, target)).length === 0, 15_000);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect(await answersOn(recent.dateId, target)).toHaveLength(1);
  }, 30_000);
});

describe("shifts", () => {
  it("show how many people are still needed; the rota lists shifts below their minimum", async () => {
    const { dateId } = await aMeal();
    const cooking = await aShift(dateId, "cooking", 2);
    await aShift(dateId, "washing_up", 1);
    const [anja, bram] = [await aMember(db(), { role: "volunteer", name: "Anja" }), await aMember(db(), { role: "coordinator", name: "Bram" })];
    const gapsOn = async () => (await rotaGaps(db(), { from: soon, to: soon })).filter((shift) => shift.dateId === dateId).map((shift) => [shift.task, shift.gap]);

    expect((await shiftsOf(db(), dateId)).map((shift) => [shift.task, shift.gap])).toEqual([["cooking", 2], ["washing_up", 1]]);
    expect(await gapsOn()).toEqual([["cooking", 2], ["washing_up", 1]]);

    expect(await takeShift(db(), { shiftId: cooking, memberId: anja.id })).toEqual({ ok: true });
    expect(await takeShift(db(), { shiftId: cooking, memberId: bram.id })).toEqual({ ok: true });
    const shifts = await shiftsOf(db(), dateId);
    expect(shifts[0]).toMatchObject({ task: "cooking", start: "16:00", end: "18:00", minPeople: 2, people: [{ name: "Anja" }, { name: "Bram" }], gap: 0 });
    expect(await gapsOn()).toEqual([["washing_up", 1]]);
    // Outside the period asked for, nothing of this meal.
    expect((await rotaGaps(db(), { from: addDays(soon, 1), to: addDays(soon, 30) })).some((shift) => shift.dateId === dateId)).toBe(false);

    expect(await leaveShift(db(), { shiftId: cooking, memberId: anja.id })).toEqual({ ok: true });
    expect(await leaveShift(db(), { shiftId: cooking, memberId: anja.id })).toEqual({ ok: false, error: "kitchen_shift_not_yours" });
    expect(await gapsOn()).toEqual([["cooking", 1], ["washing_up", 1]]);

    // A called-off meal needs nobody.
    await db().updateTable("activity_dates").set({ cancelled_at: new Date() }).where("id", "=", dateId).execute();
    expect(await gapsOn()).toEqual([]);
  });

  it("nobody takes a shift on a meal that is over or called off: a cooking shift would open its answers", async () => {
    const past = await aMeal({ day: addDays(localToday(), -2) });
    const called = await aMeal();
    await db().updateTable("activity_dates").set({ cancelled_at: new Date(), cancel_reason: "Keuken dicht" }).where("id", "=", called.dateId).execute();
    const volunteer = await aMember(db(), { role: "volunteer" });
    expect(await takeShift(db(), { shiftId: await aShift(past.dateId, "cooking"), memberId: volunteer.id })).toEqual({ ok: false, error: "kitchen_shift_closed" });
    expect(await takeShift(db(), { shiftId: await aShift(called.dateId, "cooking"), memberId: volunteer.id })).toEqual({ ok: false, error: "kitchen_shift_closed" });
  });

  it("a double sign-up is refused cleanly, also when both arrive at once; residents cannot take a shift", async () => {
    const { dateId } = await aMeal();
    const shiftId = await aShift(dateId, "serving", 3);
    const [volunteer, quick, resident] = [await aMember(db(), { role: "volunteer" }), await aMember(db(), { role: "volunteer" }), await aMember(db(), { role: "resident" })];
    expect(await takeShift(db(), { shiftId, memberId: volunteer.id })).toEqual({ ok: true });
    expect(await takeShift(db(), { shiftId, memberId: volunteer.id })).toEqual({ ok: false, error: "kitchen_shift_already_yours" });
    const atOnce = await Promise.all([takeShift(db(), { shiftId, memberId: quick.id }), takeShift(db(), { shiftId, memberId: quick.id })]);
    expect(atOnce).toEqual(expect.arrayContaining([{ ok: true }, { ok: false, error: "kitchen_shift_already_yours" }]));
    expect(await takeShift(db(), { shiftId, memberId: resident.id })).toEqual({ ok: false, error: "kitchen_shift_volunteers_only" });
    expect((await shiftsOf(db(), dateId))[0]).toMatchObject({ gap: 1, people: [{ memberId: volunteer.id }, { memberId: quick.id }] });

    // Another neighbourhood's volunteer cannot take it, nor remove it.
    const outsider = await aMember(otherDb(), { role: "volunteer" });
    expect(await takeShift(otherDb(), { shiftId, memberId: outsider.id })).toEqual({ ok: false, error: "kitchen_shift_unknown" });
    expect(await removeShift(otherDb(), { dateId, shiftId })).toEqual({ ok: false, error: "kitchen_shift_unknown" });

    expect(await removeShift(db(), { dateId, shiftId })).toEqual({ ok: true });
    expect(await shiftsOf(db(), dateId)).toEqual([]);
    expect(await db().selectFrom("kitchen_shift_signups").select("member_id").where("shift_id", "=", shiftId).execute()).toEqual([]);
  });

  it("belong to a meal, with a task, times in order and 1 to 20 people", async () => {
    const walk = await aMeal({ kind: "activity" });
    expect(await addShift(db(), walk.dateId, shiftSchema.parse({ task: "cooking", start: "16:00", end: "18:00", minPeople: "1" }))).toEqual({
      ok: false,
      error: "kitchen_date_not_meal",
    });
    const issues = (input: Record<string, string>) => shiftSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ task: "dansen", start: "25:00", end: "17:00", minPeople: "0" })).toEqual([
      ["task", "kitchen_shift_task_invalid"],
      ["start", "kitchen_shift_time_invalid"],
      ["minPeople", "kitchen_shift_min_people_invalid"],
    ]);
    expect(issues({ task: "cooking", start: "18:00", end: "17:00", minPeople: "21" })).toEqual([
      ["minPeople", "kitchen_shift_min_people_invalid"],
      ["end", "kitchen_shift_end_before_start"],
    ]);
    expect(issues({ task: "cooking", start: "18:00", end: "17:00", minPeople: "2" })).toEqual([["end", "kitchen_shift_end_before_start"]]);
  });
});

describe("the cost sheet", () => {
  /** As the desk's attendance list notes them. */
  const came = (signupId: string, attended: boolean) => db().updateTable("activity_signups").set({ attended }).where("id", "=", signupId).execute();

  it("works out the cost price from the real costs and the portions served, and what each sign-up paid", async () => {
    const { dateId, coordinator } = await aMeal({ capacity: 7 });
    const groceries = await addCost(db(), dateId, costSchema.parse({ description: "Boodschappen", amount: "12,50" }), coordinator.id);
    expect(await addCost(db(), dateId, costSchema.parse({ description: "Brood", amount: "€ 7,73" }), coordinator.id)).toMatchObject({ ok: true });
    const [a, b, c, waiting, walkIn] = [await aMember(db()), await aMember(db()), await aMember(db()), await aMember(db()), await aMember(db())];
    const signupOf = async (memberId: string, guests: string) => {
      const made = await mealSignup(dateId, memberId, { guests });
      return made.ok ? made.signupId : "";
    };
    const [signupA, signupB, signupC, signupWaiting] = [await signupOf(a.id, "2"), await signupOf(b.id, "1"), await signupOf(c.id, "0"), await signupOf(waiting.id, "1")];

    // Before anyone's attendance is noted: the 6 confirmed places. 2023 / 6 = 337.17, rounded up.
    expect(await costPrice(db(), dateId)).toEqual({ totalCents: 2023, portions: 6, perPortionCents: 338, roundedCents: 350 });

    await came(signupA, true);
    await came(signupB, false);
    await came(signupC, true);
    await db().insertInto("activity_signups").values({ date_id: dateId, member_id: walkIn.id, status: "walk_in", attended: true }).execute();
    // Served: A with 2 guests, C, and the walk-in: 5 portions. 2023 / 5 = 404.6.
    expect(await costPrice(db(), dateId)).toEqual({ totalCents: 2023, portions: 5, perPortionCents: 405, roundedCents: 450 });

    const walkInSignup = (await signupsOn(dateId)).find((signup) => signup.member_id === walkIn.id)!.id;
    const pay = (signupId: string, choice: string, method: string) => recordPayment(db(), { ...paymentSchema.parse({ choice, method }), signupId }, coordinator.id);
    expect(await pay(signupA, "rounded", "cash")).toEqual({ ok: true, amountCents: 1350 });
    expect(await pay(signupC, "cost", "cash")).toEqual({ ok: true, amountCents: 405 });
    expect(await pay(walkInSignup, "waived", "waived")).toEqual({ ok: true, amountCents: 0 });
    expect(await pay(signupWaiting, "cost", "cash")).toEqual({ ok: false, error: "kitchen_signup_waiting" });
    // The ledger is written once: recording again (a second click, or a change of mind) is refused.
    expect(await pay(signupA, "cost", "cash")).toEqual({ ok: false, error: "kitchen_payment_already_recorded" });
    expect(await pay(walkInSignup, "cost", "cash")).toEqual({ ok: false, error: "kitchen_payment_already_recorded" });
    expect(await ledgerOf(db(), signupA)).toEqual([{ purpose: "meal", kind: "payment", method: "cash", amount_cents: 1350, reason: null }]);
    expect(await ledgerOf(db(), signupC)).toEqual([{ purpose: "meal", kind: "payment", method: "cash", amount_cents: 405, reason: null }]);
    // A free meal is written down as what was forgiven: the cost price of the portion.
    expect(await ledgerOf(db(), walkInSignup)).toEqual([{ purpose: "meal", kind: "waiver", method: null, amount_cents: 405, reason: "Maaltijd zonder betalen, afgesproken aan de balie" }]);
    expect(await ledgerOf(db(), signupWaiting)).toEqual([]);

    expect(await removeCost(db(), { dateId, costId: groceries.ok ? groceries.costId : "" })).toEqual({ ok: true });
    expect((await costsOf(db(), dateId)).map((cost) => [cost.description, cost.amount_cents])).toEqual([["Brood", 773]]);
    expect(await costPrice(db(), dateId)).toEqual({ totalCents: 773, portions: 5, perPortionCents: 155, roundedCents: 200 });
  });

  it("has no cost price while nobody ate, and refuses bad amounts, a walk and another neighbourhood", async () => {
    const { dateId, coordinator } = await aMeal();
    const cost = await addCost(db(), dateId, costSchema.parse({ description: "Boodschappen", amount: "30" }), coordinator.id);
    expect(await costPrice(db(), dateId)).toEqual({ totalCents: 3000, portions: 0, perPortionCents: null, roundedCents: null });

    const issues = (input: Record<string, string>) => costSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ description: "", amount: "0" })).toEqual([
      ["description", "kitchen_cost_description_required"],
      ["amount", "kitchen_cost_amount_invalid"],
    ]);
    expect(issues({ description: "Brood", amount: "" })).toEqual([["amount", "kitchen_cost_amount_invalid"]]);
    expect(issues({ description: "Brood", amount: "veel" })).toEqual([["amount", "money_invalid"]]);
    expect(paymentSchema.safeParse({ choice: "cost", method: "waived" }).error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["method", "kitchen_payment_method_invalid"],
    ]);

    const walk = await aMeal({ kind: "activity" });
    expect(await addCost(db(), walk.dateId, { description: "Koffie", amount: 500 }, coordinator.id)).toEqual({ ok: false, error: "kitchen_date_not_meal" });
    const outsider = await aMember(otherDb(), { role: "coordinator" });
    expect(await addCost(otherDb(), dateId, { description: "Grapje", amount: 100 }, outsider.id)).toEqual({ ok: false, error: "kitchen_date_unknown" });
    expect(await removeCost(otherDb(), { dateId, costId: cost.ok ? cost.costId : "" })).toEqual({ ok: false, error: "kitchen_cost_unknown" });
    const eater = await aMember(db());
    const signedUp = await mealSignup(dateId, eater.id);
    const signupId = signedUp.ok ? signedUp.signupId : "";
    expect(await recordPayment(otherDb(), { signupId, choice: "cost", method: "cash" }, outsider.id)).toEqual({ ok: false, error: "kitchen_signup_unknown" });
    expect(await costPrice(db(), dateId)).toEqual({ totalCents: 3000, portions: 1, perPortionCents: 3000, roundedCents: 3000 });
  });
});

describe("a person's own data", () => {
  it("the export holds their shifts, orders, answers and payments; erasure removes their answers and shifts, the books keep the amount", async () => {
    const { dateId, coordinator } = await aMeal();
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("kok")}@example.org`, password: "lekker koken in de buurt" });
    const person = await aMember(db(), { role: "volunteer", accountId: account.id });
    const shiftId = await aShift(dateId, "cooking", 1);
    await takeShift(db(), { shiftId, memberId: person.id });
    const signedUp = await mealSignup(dateId, person.id, { guests: "1", takeaway: "ja", allergens_0: "celery", note_1: "Geen koriander" });
    const signupId = signedUp.ok ? signedUp.signupId : "";
    await addCost(db(), dateId, { description: "Boodschappen", amount: 1000 }, coordinator.id);
    await recordPayment(db(), { signupId, choice: "cost", method: "cash" }, coordinator.id);

    expect(await kitchenDataOf(db(), person.id)).toMatchObject({
      shifts: [{ title: "Buurtmaaltijd", day: soon, task: "cooking", start: "16:00", end: "18:00" }],
      orders: [{ title: "Buurtmaaltijd", day: soon, takeaway: true }],
      dietAnswers: [
        { day: soon, person: 0, allergens: ["celery"], diets: [], note: null },
        { day: soon, person: 1, allergens: [], diets: [], note: "Geen koriander" },
      ],
    });
    expect(await paymentsOf(db(), person.id)).toMatchObject([{ purpose: "meal", kind: "payment", method: "cash", amount_cents: 1000 }]);

    await db().transaction().execute((trx) => forgetKitchenOf(trx, person.id));
    expect(await answersOn(dateId)).toEqual([]);
    expect((await shiftsOf(db(), dateId))[0]).toMatchObject({ people: [], gap: 1 });

    // Erasing the whole account leaves nothing of them in the kitchen's tables.
    await mealSignup((await aMeal()).dateId, person.id, { allergens_0: "fish" });
    await takeShift(db(), { shiftId, memberId: person.id });
    expect(await deleteOwnAccount(db(), platformDb(database), wijk.id, account.id)).toBe("ok");
    expect(await kitchenDataOf(db(), person.id)).toEqual({ shifts: [], orders: [], dietAnswers: [] });
    // The money stays in the neighbourhood's books, no longer linked to them.
    expect(await db().selectFrom("ledger_entries").select(["member_id", "amount_cents"]).where("record_id", "=", signupId).execute()).toEqual([{ member_id: null, amount_cents: 1000 }]);
  });
});
