import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow } from "~/db/tables";
import { addDays, formatDay, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { setMenu } from "~/modules/kitchen/kitchen.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext, pageProblems, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "samen op pad in de wijk";

describeInBrowser("activities in Chromium: a resident signs up for a meal, the desk takes attendance with a walk-in, a coordinator calls off one walk", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let db: TenantDb;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("wandel");
  const emails = { volunteer: `${uniqueSlug("balie")}@example.org`, coordinator: `${uniqueSlug("coord")}@example.org`, walker: `${uniqueSlug("loper")}@example.org` };
  const tomorrow = addDays(localToday(), 1);
  let walker: MemberRow;
  let walkDates: string[] = [];
  let mealDate = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Wijkwerkplaats Leidschendam-Noord" }, seedNeighbourhood({ city: "Leidschendam" }));
    db = tenantDb(database, tenant.id);
    const members: Record<string, MemberRow> = {};
    for (const [who, email] of Object.entries(emails)) {
      const account = await createAccount(platformDb(database), { email, password });
      const name = { volunteer: "Kees van de Balie", coordinator: "Coby Coördinator", walker: "Fatima el Amrani" }[who]!;
      members[who] = await addMember(db, { accountId: account.id, name, role: who === "walker" ? "resident" : (who as "volunteer" | "coordinator") });
    }
    walker = members.walker!;
    await addMember(db, { accountId: null, name: "Jan Jansen", role: "resident", phone: "06-12345678" });
    const mindfulness = await createActivity(
      db,
      { title: "Mindfulness", capacity: 10, category: "learning", location: "Zaal boven", schedule: { firstDay: tomorrow, start: "19:30", end: "20:30", frequency: "once", untilDay: undefined } },
      members.coordinator!.id,
    );
    await signUp(db, { dateId: mindfulness.dateIds[0]!, memberId: walker.id, guests: 0 });
    const walk = await createActivity(
      db,
      { title: "Rustige wandeling", capacity: 12, category: "exercise", location: "Bij de wijkwerkplaats", schedule: { firstDay: addDays(tomorrow, 1), start: "10:00", end: "11:30", frequency: "weekly", untilDay: addDays(tomorrow, 15) } },
      members.coordinator!.id,
    );
    walkDates = walk.dateIds;
    const meal = await createActivity(
      db,
      { title: "Samen eten", kind: "meal", capacity: 30, price: 350, location: "De wijkkeuken", schedule: { firstDay: addDays(tomorrow, 2), start: "17:30", end: "19:00", frequency: "once", untilDay: undefined } },
      members.coordinator!.id,
    );
    mealDate = meal.dateIds[0]!;
    const menu = await setMenu(db, mealDate, [
      { name: "Couscous met groenten", allergens: ["gluten", "celery"], diets: ["vegetarian", "halal"] },
      { name: "Appeltaart met walnoten", allergens: ["gluten", "eggs", "milk", "nuts"], diets: ["vegetarian"] },
    ]);
    if (!menu.ok) throw new Error(menu.error);
    await signUp(db, { dateId: walkDates[1]!, memberId: walker.id, guests: 1 });
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  /** Opens the header's menu (a phone shows it folded) and follows one of its links. */
  async function fromMenu(page: Page, name: RegExp | string): Promise<void> {
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await nav.locator("summary", { hasText: "Menu" }).click();
    await nav.getByRole("link", { name }).first().click();
  }

  async function signedIn(who: keyof typeof emails, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser!, { viewport: { width: 360, height: 740 }, ...options });
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), emails[who], password);
  }

  it("a resident signs up for a meal with a nut allergy, on a phone without JavaScript", async () => {
    const page = await signedIn("walker", { javaScriptEnabled: false });
    await fromMenu(page, "Agenda");
    // The meal is in three days: this week, or next week when that is after Sunday.
    if ((await page.getByRole("link", { name: "Samen eten" }).count()) === 0) await page.getByRole("link", { name: "Later →" }).click();
    await page.getByRole("link", { name: "Samen eten" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Samen eten" }).waitFor();
    await page.getByText("Appeltaart met walnoten").waitFor();
    expect(await pageProblems(page, { javaScript: false })).toEqual([]);

    const form = page.getByRole("form", { name: "Aanmelden" });
    await form.getByRole("radio").first().check();
    await form.getByLabel("Ik neem het mee naar huis").check();
    const you = form.getByRole("group", { name: "Jij", exact: true });
    await you.getByLabel("Noten (zoals walnoten, hazelnoten)").check();
    await you.getByLabel("Moet de kok nog iets anders weten?").fill("Ook geen pinda's graag");
    await form.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByRole("status").filter({ hasText: "Je bent aangemeld. Tot dan!" }).waitFor();

    const answers = await db
      .selectFrom("meal_diet_answers")
      .innerJoin("activity_signups", "activity_signups.id", "meal_diet_answers.signup_id")
      .innerJoin("meal_orders", "meal_orders.signup_id", "activity_signups.id")
      .select(["activity_signups.member_id", "activity_signups.date_id", "meal_diet_answers.person", "meal_diet_answers.allergens", "meal_diet_answers.note", "meal_orders.takeaway"])
      .execute();
    expect(answers).toEqual([{ member_id: walker.id, date_id: mealDate, person: 0, allergens: ["nuts"], note: "Ook geen pinda's graag", takeaway: true }]);
  });

  it("the desk opens tomorrow's list from the navigation, ticks who came and adds a walk-in found by name, on a phone", async () => {
    const page = await signedIn("volunteer");
    const pageErrors = collectPageErrors(page);
    await fromMenu(page, /^Balie/);
    await page.getByRole("link", { name: "Activiteiten vandaag en deze week" }).click();
    await page.getByRole("link", { name: /^Mindfulness:/ }).click();
    await page.getByRole("heading", { level: 1, name: /Mindfulness/ }).waitFor();
    await waitForHydration(page);
    expect(await pageProblems(page)).toEqual([]);

    await page.getByRole("button", { name: "Fatima el Amrani is gekomen" }).click();
    await page.getByRole("row", { name: /Fatima el Amrani/ }).getByText("Is gekomen").waitFor();

    const who = page.getByRole("group", { name: "Wie is er binnengelopen?" });
    await who.getByLabel("Zoek op naam of telefoonnummer").fill("jans");
    await who.getByRole("status").filter({ hasText: "1 persoon gevonden." }).waitFor();
    await who.getByLabel("Jan Jansen · 06-12345678 · zonder account").check();
    await page.getByRole("button", { name: "Zet op de lijst" }).click();
    await page.getByRole("status").filter({ hasText: "Staat op de lijst als gekomen." }).waitFor();
    await page.getByRole("row", { name: /Jan Jansen/ }).getByText("Binnengelopen").waitFor();
    expect(await pageProblems(page)).toEqual([]);
    expect(pageErrors).toEqual([]);

    const list = await db
      .selectFrom("activity_signups")
      .innerJoin("members", "members.id", "activity_signups.member_id")
      .select(["members.name", "activity_signups.status", "activity_signups.attended"])
      .orderBy("members.name")
      .where("activity_signups.attended", "=", true)
      .execute();
    expect(list).toEqual([
      { name: "Fatima el Amrani", status: "confirmed", attended: true },
      { name: "Jan Jansen", status: "walk_in", attended: true },
    ]);
  });

  it("a coordinator calls off one date of the walk with a reason, and the walker gets an email", async () => {
    const page = await signedIn("coordinator");
    const pageErrors = collectPageErrors(page);
    await fromMenu(page, /^Beheer/);
    await page.getByRole("link", { name: "Activiteiten", exact: true }).click();
    await page.getByRole("link", { name: "Rustige wandeling" }).click();
    const second = formatDay(addDays(tomorrow, 8), "nl");
    await page.getByRole("link", { name: new RegExp(`^${second}`) }).click();
    await page.getByRole("heading", { level: 2, name: "Deze datum afzeggen" }).waitFor();
    await waitForHydration(page);
    expect(await pageProblems(page)).toEqual([]);

    await page.getByRole("button", { name: "Zeg deze datum af" }).click();
    await page.getByText("Schrijf op waarom het niet doorgaat.").waitFor();
    await page.getByRole("form", { name: "Deze datum afzeggen" }).getByLabel("Reden").fill("Er is storm voorspeld.");
    await page.getByRole("button", { name: "Zeg deze datum af" }).click();
    await page.getByRole("status").filter({ hasText: "Deze datum is afgezegd." }).waitFor();
    expect(pageErrors).toEqual([]);

    const mail = await platformDb(database!).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", emails.walker).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Gaat niet door: Rustige wandeling op ${second}`);
    expect(mail[0]!.body).toContain("Er is storm voorspeld.");
    // The other dates go ahead; the walker sees the called-off date on their own agenda.
    const walkerPage = await signedIn("walker", { javaScriptEnabled: false });
    await fromMenu(walkerPage, "Mijn agenda");
    await walkerPage.getByText("Gaat niet door: Er is storm voorspeld.").waitFor();
    expect(await pageProblems(walkerPage, { javaScript: false })).toEqual([]);
  });
});
