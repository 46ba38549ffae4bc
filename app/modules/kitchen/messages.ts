import type { Allergen, Diet } from "./allergens";
import type { PaymentChoice, ShiftTask } from "./tables";

// The texts of the kitchen module, in plain Dutch (B1) and English; app/i18n/messages.ts includes
// them as `t.kitchen`, and the validation keys below in `t.validation`.
const nl = {
  /** The 14 allergens in words people use, with examples where the legal name is not enough. */
  allergens: {
    gluten: "Gluten (in tarwe, rogge, gerst, haver en spelt)",
    crustaceans: "Schaaldieren (zoals garnalen en krab)",
    eggs: "Eieren",
    fish: "Vis",
    peanuts: "Pinda's",
    soybeans: "Soja",
    milk: "Melk (ook lactose)",
    nuts: "Noten (zoals walnoten, hazelnoten)",
    celery: "Selderij",
    mustard: "Mosterd",
    sesame: "Sesamzaad",
    sulphites: "Sulfiet (zoals in wijn en gedroogd fruit)",
    lupin: "Lupine (meel van een soort boon)",
    molluscs: "Weekdieren (zoals mosselen en inktvis)",
  } satisfies Record<Allergen, string>,
  diets: {
    vegetarian: "Vegetarisch (geen vlees en geen vis)",
    vegan: "Veganistisch (niets van dieren)",
    halal: "Halal",
    no_pork: "Geen varkensvlees",
  } satisfies Record<Diet, string>,
  tasks: {
    shopping: "Boodschappen doen",
    cooking: "Koken",
    serving: "Opscheppen en bedienen",
    washing_up: "Afwassen",
  } satisfies Record<ShiftTask, string>,
  order: { eatIn: "Eet hier", takeaway: "Neemt mee" },
  /** Who an answer is about: the person who signed up, or one of the guests they bring. */
  person: (number: number) => (number === 0 ? "Zelf" : `Gast ${number}`),
  paymentChoices: { cost: "Kostprijs", rounded: "Afgerond op 50 cent", waived: "Niet betaald" } satisfies Record<PaymentChoice, string>,
};

const en: typeof nl = {
  allergens: {
    gluten: "Gluten (in wheat, rye, barley, oats and spelt)",
    crustaceans: "Crustaceans (like prawns and crab)",
    eggs: "Eggs",
    fish: "Fish",
    peanuts: "Peanuts",
    soybeans: "Soya",
    milk: "Milk (also lactose)",
    nuts: "Nuts (like walnuts, hazelnuts)",
    celery: "Celery",
    mustard: "Mustard",
    sesame: "Sesame seeds",
    sulphites: "Sulphites (like in wine and dried fruit)",
    lupin: "Lupin (flour of a kind of bean)",
    molluscs: "Molluscs (like mussels and squid)",
  },
  diets: {
    vegetarian: "Vegetarian (no meat and no fish)",
    vegan: "Vegan (nothing from animals)",
    halal: "Halal",
    no_pork: "No pork",
  },
  tasks: {
    shopping: "Shopping",
    cooking: "Cooking",
    serving: "Serving",
    washing_up: "Washing up",
  },
  order: { eatIn: "Eats here", takeaway: "Takes away" },
  person: (number) => (number === 0 ? "Themselves" : `Guest ${number}`),
  paymentChoices: { cost: "Cost price", rounded: "Rounded up to 50 cents", waived: "Not paid" },
};

const validationNl = {
  kitchen_date_unknown: "Deze maaltijd kennen we niet.",
  kitchen_date_not_meal: "Dit is geen maaltijd. Een menu, diensten en kosten horen alleen bij een maaltijd.",
  kitchen_dish_name_required: "Vul de naam van het gerecht in.",
  kitchen_too_many_dishes: "Een menu heeft hoogstens 20 gerechten.",
  kitchen_allergen_invalid: "Kies alleen allergieën uit de lijst.",
  kitchen_diet_invalid: "Kies alleen wat je eet uit de lijst.",
  kitchen_note_too_long: "Schrijf dit korter op: hoogstens 200 tekens.",
  kitchen_guests_invalid: "Vul een aantal gasten in van 0 tot 10.",
  kitchen_too_many_people: "Je hebt iets ingevuld voor meer mensen dan je aanmeldt. Kies meer gasten, of maak de extra vakjes leeg.",
  kitchen_answers_not_yours: "Allergieën en diëten ziet alleen wie kookt bij deze maaltijd, en de coördinator.",
  kitchen_shift_task_invalid: "Kies een taak.",
  kitchen_shift_time_invalid: "Vul een tijd in, zoals 17:30.",
  kitchen_shift_end_before_start: "De eindtijd moet na de begintijd zijn.",
  kitchen_shift_min_people_invalid: "Vul een aantal mensen in van 1 tot 20.",
  kitchen_shift_unknown: "Deze dienst kennen we niet. Misschien is hij net weggehaald.",
  kitchen_shift_volunteers_only: "Alleen vrijwilligers en coördinatoren kunnen een dienst doen.",
  kitchen_shift_already_yours: "Je staat al op deze dienst.",
  kitchen_shift_not_yours: "Je staat niet op deze dienst.",
  kitchen_cost_description_required: "Schrijf op waarvoor het geld was, bijvoorbeeld Boodschappen.",
  kitchen_cost_amount_invalid: "Vul een bedrag in dat meer is dan 0, zoals 12,50.",
  kitchen_cost_unknown: "Deze kosten kennen we niet. Misschien zijn ze net weggehaald.",
  kitchen_payment_choice_invalid: "Kies wat de persoon betaalt: de kostprijs, afgerond, of niets.",
  kitchen_payment_method_invalid: "Kies contant of niet betaald. Wie niets betaalt, heeft niet betaald.",
  kitchen_signup_unknown: "Deze aanmelding kennen we niet.",
  kitchen_signup_waiting: "Deze persoon staat nog op de wachtlijst en heeft niet mee gegeten.",
  kitchen_no_cost_price: "Er is nog geen kostprijs: niemand heeft mee gegeten. Kies niet betaald.",
};

const validationEn = {
  kitchen_date_unknown: "We do not know this meal.",
  kitchen_date_not_meal: "This is not a meal. A menu, shifts and costs only belong to a meal.",
  kitchen_dish_name_required: "Fill in the name of the dish.",
  kitchen_too_many_dishes: "A menu has at most 20 dishes.",
  kitchen_allergen_invalid: "Only choose allergies from the list.",
  kitchen_diet_invalid: "Only choose what you eat from the list.",
  kitchen_note_too_long: "Write this shorter: at most 200 characters.",
  kitchen_guests_invalid: "Fill in a number of guests from 0 to 10.",
  kitchen_too_many_people: "You filled in something for more people than you sign up. Choose more guests, or empty the extra boxes.",
  kitchen_answers_not_yours: "Allergies and diets are only shown to the cooks of this meal and the coordinator.",
  kitchen_shift_task_invalid: "Choose a task.",
  kitchen_shift_time_invalid: "Fill in a time, like 17:30.",
  kitchen_shift_end_before_start: "The end time must be after the start time.",
  kitchen_shift_min_people_invalid: "Fill in a number of people from 1 to 20.",
  kitchen_shift_unknown: "We do not know this shift. Perhaps it was just removed.",
  kitchen_shift_volunteers_only: "Only volunteers and coordinators can do a shift.",
  kitchen_shift_already_yours: "You are already on this shift.",
  kitchen_shift_not_yours: "You are not on this shift.",
  kitchen_cost_description_required: "Write down what the money was for, for example Groceries.",
  kitchen_cost_amount_invalid: "Fill in an amount above 0, like 12.50.",
  kitchen_cost_unknown: "We do not know these costs. Perhaps they were just removed.",
  kitchen_payment_choice_invalid: "Choose what the person pays: the cost price, rounded up, or nothing.",
  kitchen_payment_method_invalid: "Choose cash or not paid. Someone who pays nothing has not paid.",
  kitchen_signup_unknown: "We do not know this sign-up.",
  kitchen_signup_waiting: "This person is still on the waiting list and did not eat with us.",
  kitchen_no_cost_price: "There is no cost price yet: nobody ate with us. Choose not paid.",
};

export const kitchenMessages = { nl, en };
export const kitchenValidation = { nl: validationNl, en: validationEn satisfies Record<keyof typeof validationNl, string> };
