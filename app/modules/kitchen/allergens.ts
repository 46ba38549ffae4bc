// The codes a meal's dishes and the people who eat are described with. Client-safe: forms and the
// print view use the same lists as the server. The names people read are in ./messages.ts.

/** The 14 allergens that must be named to guests (EU Regulation 1169/2011, Annex II). */
export const allergens = [
  "gluten",
  "crustaceans",
  "eggs",
  "fish",
  "peanuts",
  "soybeans",
  "milk",
  "nuts",
  "celery",
  "mustard",
  "sesame",
  "sulphites",
  "lupin",
  "molluscs",
] as const;
export type Allergen = (typeof allergens)[number];

/** What a dish suits, and what a person eats. */
export const diets = ["vegetarian", "vegan", "halal", "no_pork"] as const;
export type Diet = (typeof diets)[number];
