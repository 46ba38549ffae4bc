import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createActivity } from "~/modules/activities/activities.server";
import { addShift, menuOf, parseMealSignupForm, shiftSchema, signUpForMeal } from "~/modules/kitchen/kitchen.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";
import { signedInAs, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;
let volunteer: SignedIn;
let resident: SignedIn;
let otherCoordinator: SignedIn;
const db = () => tenantDb(database, wijk.id);

/** What one eater told the kitchen: health data only the cooks and the coordinator may read. */
const NOTE = "Ernstige notenallergie, EpiPen in de tas";

const get = (pathname: string, who: SignedIn, tenant = wijk) => request(server.url(tenant.slug, pathname), { headers: { Cookie: who.cookie } });
const post = (pathname: string, body: Record<string, string>, who: SignedIn, tenant = wijk) => postForm(server.url(tenant.slug, pathname), body, who.cookie);

/** A meal in a week with 20 portions; `eater` (a new resident) signs up with 2 guests and their note, to eat in. */
async function aMeal(options: { kind?: "meal" | "activity" } = {}) {
  const schedule = { firstDay: addDays(localToday(), 7), start: "18:00", end: "20:00", frequency: "once" as const, untilDay: undefined };
  const kind = options.kind ?? "meal";
  const { dateIds } = await createActivity(db(), { title: kind === "meal" ? "Buurtmaaltijd" : "Wandeling", capacity: 20, kind, schedule }, coordinator.member.id);
  const dateId = dateIds[0]!;
  if (kind === "activity") return { dateId, signupId: "" };
  const eater = await aMember(db(), { name: "Fatima de Eter" });
  const form = new FormData();
  for (const [key, value] of Object.entries({ guests: "2", allergens_0: "nuts", note_0: NOTE })) form.append(key, value);
  const parsed = parseMealSignupForm(form);
  if (!parsed.ok) throw new Error(`the sign-up form was refused: ${JSON.stringify(parsed.errors)}`);
  const signedUp = await signUpForMeal(db(), { ...parsed.data, dateId, memberId: eater.id });
  if (!signedUp.ok) throw new Error(`the sign-up was refused: ${signedUp.error}`);
  return { dateId, signupId: signedUp.signupId };
}

async function aShift(dateId: string, task: "cooking" | "washing_up", minPeople = 1) {
  const added = await addShift(db(), dateId, shiftSchema.parse({ task, start: "16:00", end: "18:00", minPeople: String(minPeople) }));
  if (!added.ok) throw new Error(`the shift was refused: ${added.error}`);
  return added.shiftId;
}

const signupsOnShift = async (shiftId: string) => (await db().selectFrom("kitchen_shift_signups").select("member_id").where("shift_id", "=", shiftId).execute()).length;
/** The table row (of a page that lists many meals) that holds `needle`. */
const rowOf = (html: string, needle: string) => [...html.matchAll(/<tr>.*?<\/tr>/g)].map((match) => match[0]).find((row) => row.includes(needle)) ?? "";
const formTokenOf = (html: string) => /name="formToken" value="([0-9a-f-]{36})"/.exec(html)![1]!;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("lindenholt"), name: "Wijkwerkplaats Lindenholt" }, seedNeighbourhood({ city: "Nijmegen" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
  coordinator = await signedInAs(database, server, wijk, "coordinator", "Cora Coördinator");
  volunteer = await signedInAs(database, server, wijk, "volunteer", "Vera Vrijwilliger");
  resident = await signedInAs(database, server, wijk, "resident", "Ruud Bewoner");
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("who may open the kitchen's pages", () => {
  it("a resident gets 403 on every desk page of the kitchen, and cannot take a shift", async () => {
    const { dateId } = await aMeal();
    const shiftId = await aShift(dateId, "cooking");
    for (const pathname of ["/balie/keuken", "/balie/keuken/diensten", `/balie/keuken/${dateId}`, `/balie/keuken/${dateId}/print`]) {
      expect((await get(pathname, resident)).status, pathname).toBe(403);
    }
    expect((await post(`/balie/keuken/${dateId}`, { intent: "take", shiftId }, resident)).status).toBe(403);
    expect((await post("/balie/keuken/diensten", { intent: "take", shiftId }, resident)).status).toBe(403);
    expect(await signupsOnShift(shiftId)).toBe(0);
  });

  it("another neighbourhood's coordinator, on their own host, cannot open this neighbourhood's meal", async () => {
    const { dateId } = await aMeal();
    for (const pathname of [`/balie/keuken/${dateId}`, `/balie/keuken/${dateId}/print`]) {
      expect((await get(pathname, otherCoordinator, other)).status, pathname).toBe(404);
    }
    expect((await post(`/balie/keuken/${dateId}`, { intent: "addCost", description: "Kaas van de markt", amount: "10" }, otherCoordinator, other)).status).toBe(404);
    expect((await get(`/balie/keuken/${dateId}`, coordinator)).body).not.toContain("Kaas van de markt");
  });

  it("an activity that is no meal has no kitchen page", async () => {
    const { dateId } = await aMeal({ kind: "activity" });
    expect((await get(`/balie/keuken/${dateId}`, coordinator)).status).toBe(404);
    expect((await get(`/balie/keuken/${dateId}/print`, coordinator)).status).toBe(404);
  });

  it("a volunteer takes and leaves shifts, but cannot change the menu, the shifts or the costs", async () => {
    const { dateId } = await aMeal();
    const shiftId = await aShift(dateId, "washing_up");
    const forms: Record<string, string>[] = [
      { intent: "menu", name_0: "Soep" },
      { intent: "addShift", task: "cooking", start: "16:00", end: "18:00", minPeople: "2" },
      { intent: "removeShift", shiftId },
      { intent: "addCost", description: "Boodschappen", amount: "10" },
    ];
    for (const body of forms) {
      expect((await post(`/balie/keuken/${dateId}`, body, volunteer)).status, body.intent).toBe(403);
    }
    expect(await menuOf(db(), dateId)).toEqual([]);
    const taken = await post(`/balie/keuken/${dateId}`, { intent: "take", shiftId }, volunteer);
    expect(taken.status).toBe(200);
    expect(taken.body).toContain("Je staat op de dienst.");
    expect(taken.body).toContain("Vera Vrijwilliger");
    const left = await post(`/balie/keuken/${dateId}`, { intent: "leave", shiftId }, volunteer);
    expect(left.body).toContain("Je staat niet meer op de dienst.");
    expect(await signupsOnShift(shiftId)).toBe(0);
  });
});

describe("allergies and diets", () => {
  it("a volunteer who does not cook sees the portions, not the answers; a cook on the meal and the coordinator see them", async () => {
    const { dateId } = await aMeal();
    const cooking = await aShift(dateId, "cooking");
    const washingUp = await aShift(dateId, "washing_up");
    const cook = await signedInAs(database, server, wijk, "volunteer", "Kees Kok");
    expect((await post(`/balie/keuken/${dateId}`, { intent: "take", shiftId: cooking }, cook)).status).toBe(200);
    // Washing up at this meal is not cooking it.
    expect((await post(`/balie/keuken/${dateId}`, { intent: "take", shiftId: washingUp }, volunteer)).status).toBe(200);

    for (const pathname of [`/balie/keuken/${dateId}`, `/balie/keuken/${dateId}/print`]) {
      const forVolunteer = await get(pathname, volunteer);
      expect(forVolunteer.status, pathname).toBe(200);
      expect(forVolunteer.body, pathname).toContain("Hier eten: 3 porties. Meenemen: 0 porties.");
      expect(forVolunteer.body, pathname).toContain("Fatima de Eter");
      expect(forVolunteer.body, pathname).toContain("Allergieën en diëten ziet alleen wie kookt bij deze maaltijd, en de coördinator.");
      expect(forVolunteer.body, pathname).not.toContain(NOTE);
      expect(forVolunteer.body, pathname).not.toContain("Noten (zoals walnoten, hazelnoten)");

      for (const who of [cook, coordinator]) {
        const page = await get(pathname, who);
        expect(page.status, pathname).toBe(200);
        expect(page.body, pathname).toContain(NOTE);
        expect(page.body, pathname).toContain("Noten (zoals walnoten, hazelnoten)");
      }
    }
  });
});

describe("the menu", () => {
  it("explains an unknown allergen and a dish without a name next to their fields, keeps what was typed and stores nothing", async () => {
    const { dateId } = await aMeal();
    const res = await post(
      `/balie/keuken/${dateId}`,
      { intent: "menu", name_0: "Erwtensoep", allergens_0: "chocolade", name_1: "", diets_1: "vegan", name_2: "" },
      coordinator,
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain("Er klopt iets niet.");
    expect(res.body).toMatch(/<p class="error" id="menu-allergens_0-fout">Kies alleen allergieën uit de lijst.<\/p>/);
    expect(res.body).toMatch(/<p class="error" id="veld-name_1-fout">Vul de naam van het gerecht in.<\/p>/);
    expect(res.body).toMatch(/<input name="name_1" id="veld-name_1" aria-invalid="true" aria-describedby="veld-name_1-fout"/);
    expect(res.body).toContain('value="Erwtensoep"');
    expect(res.body).toMatch(/<input type="checkbox" name="diets_1" checked="" value="vegan"\/>/);
    expect(await menuOf(db(), dateId)).toEqual([]);

    const saved = await post(`/balie/keuken/${dateId}`, { intent: "menu", name_0: "Erwtensoep", allergens_0: "celery", name_1: "", name_2: "" }, coordinator);
    expect(saved.body).toContain("Het menu is opgeslagen.");
    expect(await menuOf(db(), dateId)).toEqual([{ name: "Erwtensoep", allergens: ["celery"], diets: [] }]);
    const print = await get(`/balie/keuken/${dateId}/print`, volunteer);
    expect(print.body).toContain("<strong>Erwtensoep</strong>");
    expect(print.body).toContain("Selderij");
  });
});

describe("shifts", () => {
  it("taking the same shift twice (a double click, or sent again) leaves one sign-up", async () => {
    const { dateId } = await aMeal();
    const shiftId = await aShift(dateId, "cooking", 2);
    const page = await get(`/balie/keuken/${dateId}`, volunteer);
    const sent = { formToken: formTokenOf(page.body), intent: "take", shiftId };
    const [first, second] = await Promise.all([post(`/balie/keuken/${dateId}`, sent, volunteer), post(`/balie/keuken/${dateId}`, sent, volunteer)]);
    expect([first.status, second.status].sort()).toEqual([200, 303]);
    expect(await signupsOnShift(shiftId)).toBe(1);

    // A new page's form (a new token) for the same shift is answered, not stored twice.
    const again = await post(`/balie/keuken/${dateId}`, { intent: "take", shiftId }, volunteer);
    expect(again.body).toContain("Je staat al op deze dienst.");
    const fromRota = await post("/balie/keuken/diensten", { intent: "take", shiftId }, volunteer);
    expect(fromRota.body).toContain("Je staat al op deze dienst.");
    expect(await signupsOnShift(shiftId)).toBe(1);
  });

  it("the rota shows the coming shifts with who is on them; the overview shows the gaps", async () => {
    const { dateId } = await aMeal();
    const shiftId = await aShift(dateId, "cooking", 2);
    const taken = await post("/balie/keuken/diensten", { intent: "take", shiftId }, volunteer);
    expect(taken.status).toBe(200);
    expect(taken.body).toContain("Je staat op de dienst.");
    expect(taken.body).toContain(`href="/balie/keuken/${dateId}"`);
    const onRota = rowOf(taken.body, `value="${shiftId}"`);
    expect(onRota).toContain("Vera Vrijwilliger");
    expect(onRota).toContain("Nog 1 nodig");
    expect(onRota).toContain("Ik kan toch niet");

    const overview = await get("/balie/keuken", volunteer);
    const meal = rowOf(overview.body, `href="/balie/keuken/${dateId}"`);
    expect(meal).toContain("3 van 20 besteld");
    expect(meal).toContain("Nog 1 vrijwilliger nodig");
    expect(overview.body).not.toContain("Diensten die nog niet rond zijn");
    const forCoordinator = await get("/balie/keuken", coordinator);
    expect(forCoordinator.body).toContain("Diensten die nog niet rond zijn");
    expect([...forCoordinator.body.matchAll(new RegExp(`href="/balie/keuken/${dateId}"`, "g"))]).toHaveLength(2);
  });
});

describe("costs and payments", () => {
  it("the cost sheet shows the total, the portions and the price per portion, rounded up to whole cents and to 50 cents", async () => {
    const { dateId, signupId } = await aMeal();
    for (const [description, amount] of [["Boodschappen", "12,50"], ["Brood", "7,50"]]) {
      const added = await post(`/balie/keuken/${dateId}`, { intent: "addCost", description: description!, amount: amount! }, coordinator);
      expect(added.body).toContain("De kosten zijn toegevoegd.");
    }
    const refused = await post(`/balie/keuken/${dateId}`, { intent: "addCost", description: "Servetten", amount: "0" }, coordinator);
    expect(refused.body).toMatch(/<p class="error" id="veld-amount-fout">Vul een bedrag in dat meer is dan 0, zoals 12,50.<\/p>/);
    expect(refused.body).toContain('value="Servetten"');

    // 20,00 for 3 portions: 6,666… per portion.
    const page = await get(`/balie/keuken/${dateId}`, volunteer);
    expect(page.body).toContain("<dd>€\u00a020,00</dd>");
    expect(page.body).toContain("<dd>€\u00a06,67</dd>");
    expect(page.body).toContain("<dd>€\u00a07,00</dd>");
    expect(page.body).not.toContain("Servetten");
    // Payments are the coordinator's.
    expect(page.body).not.toContain("Afgerond, contant");

    const paid = await post(`/balie/keuken/${dateId}`, { intent: "payment", signupId, method: "cash", choice: "rounded" }, coordinator);
    expect(paid.body).toContain("De betaling is opgeslagen.");
    expect(paid.body).toContain("€\u00a021,00, contant");
    const mixedUp = await post(`/balie/keuken/${dateId}`, { intent: "payment", signupId, method: "cash", choice: "waived" }, coordinator);
    expect(mixedUp.body).toContain("Kies contant of niet betaald.");
  });

  it("a post that is not a form gets a 4xx", async () => {
    const { dateId } = await aMeal();
    const url = server.url(wijk.slug, `/balie/keuken/${dateId}`);
    const res = await request(url, {
      method: "POST",
      headers: { Cookie: coordinator.cookie, Origin: new URL(url).origin, "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "addCost", description: "Boodschappen", amount: "10" }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await db().selectFrom("meal_costs").select("id").where("date_id", "=", dateId).execute()).toEqual([]);
  });
});
