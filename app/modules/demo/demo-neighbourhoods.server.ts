import type { Config } from "~/config.server";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, isoWeekday, localToday } from "~/dates";
import { createActivity, type ActivityInput } from "~/modules/activities/activities.server";
import type { FileStorage } from "~/modules/storage/storage.server";
import { seedNeighbourhood, type NeighbourhoodSeed } from "~/modules/neighbourhood/seed.server";
import { countTenants, createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import type { NewTenant } from "~/modules/tenants/validation";
import { createDemoLogins, DEMO_PASSWORD, DEMO_SLUG, existingDemoLogins, type DemoLogin } from "./demo-logins.server";
import { seedDemoWeek } from "./demo-week.server";

// Drawn from the initiatives in shared/seeds. Contact details are made up (example.org) so that a
// demo never mails or calls a real person.
const weekdays = (days: number[], opens: string, closes: string, note?: string) =>
  days.map((weekday) => ({ weekday, opens, closes, note }));

export const demoNeighbourhoods: (NewTenant & { seed: NeighbourhoodSeed })[] = [
  {
    slug: "leidschendam-noord",
    name: "Alles voor Elkaar, Leidschendam-Noord",
    municipality: "Leidschendam-Voorburg",
    province: "Zuid-Holland",
    seed: {
      tagline: "Een plek om elkaar te ontmoeten en van elkaar te leren.",
      description:
        "In het wijkleer-centrum Alles voor Elkaar delen buurtbewoners kennis en gereedschap. " +
        "In de wijkwerkplaats leer je zelf je fiets repareren, of laat je hem goedkoop maken. " +
        "Elke week koken we samen in de wijkkeuken. Er zijn ook wandelingen en mindfulness. " +
        "Jong en oud is welkom.",
      street: "Park Schakenbosch",
      postcode: "2262 AA",
      city: "Leidschendam",
      email: "info@allesvoorelkaar.example.org",
      openingHours: [...weekdays([2, 4], "10:00", "16:00"), { weekday: 3, opens: "17:30", closes: "19:30", note: "Samen eten in de wijkkeuken" }],
      offerings: [
        { kind: "repairs", description: "Fietsen en spullen repareren, of leren het zelf te doen." },
        { kind: "tool_library", description: "Gereedschap lenen dat je zelf niet hebt." },
        { kind: "kitchen", description: "Elke week samen koken en eten." },
        { kind: "activities", description: "Wandelingen voor iedereen en mindfulness." },
        { kind: "learning_work", description: "Een veilige plek om weer mee te doen en te leren." },
      ],
    },
  },
  {
    slug: "steenwijk-west",
    name: "Wijkwerkplaats Steenwijk-West",
    municipality: "Steenwijkerland",
    province: "Overijssel",
    seed: {
      tagline: "Samen werken aan een sterke wijk.",
      description:
        "Bij de Wijkwerkplaats krijg je hulp bij kleine klussen in en om je huis. " +
        "Je kunt gereedschap lenen en je fiets laten maken voor de kostprijs. " +
        "We helpen ook bij formulieren en geldzaken. " +
        "Vrijwilligers en bewoners die werkervaring willen opdoen, werken hier samen.",
      street: "Paul Krugerstraat 34a",
      postcode: "8331 SK",
      city: "Steenwijk",
      email: "wijkwerkplaats@steenwijk-west.example.org",
      phone: "0521 000 000",
      openingHours: weekdays([1, 2, 3, 4, 5], "09:00", "16:00"),
      offerings: [
        { kind: "home_jobs", description: "Hulp bij kleine klussen in en om het huis, voor wie het zelf even niet kan." },
        { kind: "tool_library", description: "Gereedschap lenen dat je zelf niet hebt." },
        { kind: "repairs", description: "Fietsonderhoud, zoals een band vervangen, voor de kostprijs." },
        { kind: "advice", description: "Hulp bij formulieren en het op orde krijgen van je geldzaken." },
        { kind: "activities", description: "Samen dingen doen, zodat niemand er alleen voor staat: koffie-inloop, wandelen, mindfulness." },
        { kind: "kitchen", description: "Eén keer per week samen eten, voor de kostprijs." },
        { kind: "learning_work", description: "Zinvol werk en werkervaring in je eigen wijk." },
      ],
    },
  },
  {
    slug: "schiedam",
    name: "Ontmoetingsplek Schiedam",
    municipality: "Schiedam",
    province: "Zuid-Holland",
    seed: {
      tagline: "Elke wijk een eigen ontmoetingsplek.",
      description:
        "Bewoners, vrijwilligers en professionals werken hier samen. " +
        "Je kunt terecht voor diensten tegen de kostprijs, en om andere mensen uit de wijk te ontmoeten.",
      city: "Schiedam",
      email: "wijk@schiedam.example.org",
      openingHours: weekdays([2, 3, 5], "10:00", "15:00"),
      offerings: [
        { kind: "kitchen", description: "Het wijkrestaurant: samen eten voor een kleine prijs." },
        { kind: "advice", description: "De formulierenbrigade helpt je met brieven en formulieren." },
        { kind: "repairs", description: "Spullen repareren tegen de kostprijs." },
      ],
    },
  },
  {
    slug: "lindenholt",
    name: "Wijkatelier Lindenholt",
    municipality: "Nijmegen",
    province: "Gelderland",
    seed: {
      tagline: "Informatie, ontmoeting en dagbesteding in je eigen wijk.",
      description:
        "In het Wijkatelier vind je informatie, ontmoeting en dagbesteding. " +
        "Bewoners en organisaties werken samen. De inloop is in de oude lokalen van basisschool de Interacker.",
      street: "Interacker",
      city: "Nijmegen",
      email: "wijkatelier@lindenholt.example.org",
      openingHours: weekdays([1, 2, 3, 4], "09:30", "15:30", "Inloop"),
      offerings: [
        { kind: "activities", description: "Inloop en activiteiten, voor een groot deel door bewoners zelf geregeld." },
        { kind: "learning_work", description: "Dagbesteding dichtbij huis." },
        { kind: "advice", description: "Informatie en advies over zorg en welzijn." },
      ],
    },
  },
];

// A few tools for the neighbourhoods that lend them, so the catalog is not empty in a demo.
const demoTools: Record<string, string>[] = [
  { name: "Accuboormachine", category: "Boren", description: "Met twee accu's en een set houtboren.", fee: "1", deposit: "10", safetyNotes: "Draag een veiligheidsbril." },
  { name: "Klopboormachine", category: "Boren", description: "Voor gaten in steen en beton.", fee: "1,50", deposit: "15", needsInstruction: "ja" },
  { name: "Decoupeerzaag", category: "Zagen", description: "Om bochten in hout en plaat te zagen.", fee: "1", needsInstruction: "ja" },
  { name: "Ladder 3 meter", category: "Ladders", description: "Inklapbaar, voor binnen en buiten.", maxLoanDays: "3" },
  { name: "Heggenschaar", category: "Tuin", description: "Elektrisch, met verlengsnoer." },
  { name: "Kruiwagen", category: "Tuin", description: "Voor zand, tegels en groen afval." },
  { name: "Hogedrukreiniger", category: "Schoonmaken", description: "Voor terras en fiets.", fee: "2,50", deposit: "25" },
  { name: "Fietspomp met drukmeter", category: "Fietsen", description: "Past op alle ventielen." },
  { name: "Grasmaaier", category: "Tuin", description: "Elektrisch, voor een kleine tuin. Met opvangbak." },
  { name: "Behangafstomer", category: "Klussen in huis", description: "Om oud behang los te weken.", deposit: "10", safetyNotes: "Heet: laat hem afkoelen voor je hem opruimt." },
  { name: "Steekwagen", category: "Verhuizen", description: "Voor dozen en een wasmachine tot 150 kilo." },
];

/** The first of a weekday (1 is Monday) from tomorrow on: the demo has something on this week. */
const nextWeekday = (today: string, weekday: number) => addDays(today, 1 + ((weekday - isoWeekday(addDays(today, 1)) + 7) % 7));

/** A few weeks of the activities Leidschendam-Noord and Lindenholt describe. */
function demoActivities(today: string): ActivityInput[] {
  const next = (weekday: number) => nextWeekday(today, weekday);
  const weeks = (first: string, count: number) => addDays(first, 7 * (count - 1));
  return [
    {
      title: "Rustige wandeling door de wijk",
      description: "We lopen een uur in een rustig tempo door de wijk en het park. Daarna drinken we samen koffie.",
      category: "exercise",
      location: "Verzamelen bij de wijkwerkplaats",
      accessibility: "Korte route over verharde paden. Onderweg zijn bankjes.",
      audience: "Iedereen",
      capacity: 15,
      schedule: { firstDay: next(2), start: "10:00", end: "11:30", frequency: "weekly", untilDay: weeks(next(2), 8) },
    },
    {
      title: "Mindfulness",
      description: "Even stilstaan en rust vinden. Je hoeft niets te kunnen. Neem makkelijke kleding mee.",
      category: "learning",
      location: "Zaal boven",
      accessibility: "Er is een lift. Je kunt ook op een stoel meedoen.",
      audience: "Volwassenen",
      capacity: 10,
      schedule: { firstDay: next(4), start: "19:30", end: "20:30", frequency: "biweekly", untilDay: weeks(next(4), 8) },
    },
    {
      title: "Inloop met koffie",
      description: "De deur staat open. Kom een kop koffie drinken en een praatje maken.",
      category: "meeting",
      location: "De huiskamer",
      audience: "Iedereen",
      capacity: 40,
      signupRequired: false,
      schedule: { firstDay: next(3), start: "10:00", end: "12:00", frequency: "weekly", untilDay: weeks(next(3), 8) },
    },
  ];
}

/** The weekly neighbourhood meal of a neighbourhood with a kitchen. */
function demoMeal(today: string): ActivityInput {
  const friday = nextWeekday(today, 5);
  return {
    title: "Samen eten in de wijkkeuken",
    description: "Vrijwilligers koken een verse maaltijd. Je eet samen aan lange tafels, of je neemt het mee naar huis.",
    kind: "meal",
    category: "food",
    location: "De wijkkeuken",
    audience: "Iedereen",
    price: 350,
    capacity: 30,
    signupClosesHours: 24,
    schedule: { firstDay: friday, start: "17:30", end: "19:00", frequency: "weekly", untilDay: addDays(friday, 7 * 7) },
  };
}

/** Seeds the demo neighbourhoods into a platform that has none yet, so it happens exactly once. */
export async function seedDemoNeighbourhoods(database: Database): Promise<number> {
  return (await createDemoNeighbourhoods(database)).length;
}

async function createDemoNeighbourhoods(database: Database): Promise<TenantRow[]> {
  if ((await countTenants(platformDb(database))) > 0) return [];
  const created: TenantRow[] = [];
  for (const neighbourhood of demoNeighbourhoods) created.push(await createDemoNeighbourhood(database, neighbourhood));
  return created;
}

/** One demo neighbourhood with its profile, and its tools when it lends them. */
export async function createDemoNeighbourhood(database: Database, { seed, ...tenant }: (typeof demoNeighbourhoods)[number]): Promise<TenantRow> {
  const row = await createTenant(database, tenant, seedNeighbourhood(seed));
  if (seed.offerings?.some((offer) => offer.kind === "tool_library")) {
    for (const tool of demoTools) await createTool(tenantDb(database, row.id), toolFormSchema.parse({ condition: "good", maxLoanDays: "7", ...tool }));
  }
  const offers = (kind: string) => seed.offerings?.some((offer) => offer.kind === kind);
  const planned = [...(offers("activities") ? demoActivities(localToday()) : []), ...(offers("kitchen") ? [demoMeal(localToday())] : [])];
  for (const activity of planned) await createActivity(tenantDb(database, row.id), activity, null);
  return row;
}

export interface Demo {
  password: string;
  logins: DemoLogin[];
}

/**
 * The demo, when the configuration asks for it (SEED_DEMO: on by default only on the embedded
 * database). Into an empty platform it seeds the demo neighbourhoods, the demo logins and a week of
 * work in one of them; a later start finds them and adds nothing. Returns the demo logins to show,
 * or null when the demo is off or the database has none (made before there were demo logins).
 */
export async function prepareDemo(
  database: Database,
  storage: FileStorage,
  config: Pick<Config, "seedDemo" | "publicUrl">,
  today: string = localToday(),
): Promise<{ seeded: number; demo: Demo | null }> {
  if (!config.seedDemo) return { seeded: 0, demo: null };
  const created = await createDemoNeighbourhoods(database);
  const tenant = created.find((row) => row.slug === DEMO_SLUG);
  if (tenant) {
    const people = await createDemoLogins(database, tenant);
    const openWeekdays = demoNeighbourhoods.find((n) => n.slug === DEMO_SLUG)!.seed.openingHours!.map((hours) => hours.weekday);
    await seedDemoWeek(database, storage, tenant, people, { publicUrl: config.publicUrl, today, openWeekdays });
  }
  const logins = await existingDemoLogins(database);
  return { seeded: created.length, demo: logins.length > 0 ? { password: DEMO_PASSWORD, logins } : null };
}
