import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { seedDemoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import {
  collectPageErrors,
  describeInBrowser,
  documentLanguage,
  launchBrowser,
  newContext,
  textsOf,
  waitForHydration,
} from "../support/browser";
import { openTestDatabase } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const name = "Wijkwerkplaats Steenwijk-West";
const dutchDays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"];
const englishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

describeInBrowser("a neighbourhood's home page in Chromium (JavaScript on)", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    database = await openTestDatabase();
    expect(await seedDemoNeighbourhoods(database)).toBeGreaterThan(0);
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  // A fresh context per test: the language cookie of one test never leaks into the next.
  beforeEach(async () => {
    context = await newContext(browser!);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterEach(async () => {
    await context.close();
  });

  const url = (pathname = "/") => server!.url("steenwijk-west", pathname);
  const openingHours = () => page.getByRole("region", { name: /^(Openingstijden|Opening hours)$/ });

  it("shows the neighbourhood's name and opening hours, in Dutch", async () => {
    const response = await page.goto(url());
    expect(response?.status()).toBe(200);

    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect(await page.title()).toBe(name);
    expect(await documentLanguage(page)).toBe("nl");
    expect(await page.locator(".site-name").textContent()).toBe(name);

    await page.getByRole("heading", { level: 2, name: "Openingstijden" }).waitFor();
    expect(await textsOf(openingHours().getByRole("term"))).toEqual(dutchDays);
    expect(await textsOf(openingHours().getByRole("definition"))).toEqual(dutchDays.map(() => "09:00 tot 16:00 uur"));

    const offerings = page.getByRole("region", { name: "Wat je hier kunt doen" });
    expect(await textsOf(offerings.getByRole("listitem").locator("strong"))).toEqual([
      "Hulp bij klussen in en om het huis",
      "Gereedschap lenen",
      "Reparaties voor de kostprijs",
      "Hulp bij formulieren en geldzaken",
      "Activiteiten en cursussen",
      "Samen koken en eten",
      "Meedoen, leren en werken",
    ]);
    // What is on in the coming days (the demo has something every week), each linking to its page.
    const thisWeek = page.getByRole("region", { name: "Deze week in de wijk" });
    expect(await thisWeek.locator('a[href^="/agenda/"]').count()).toBeGreaterThan(0);
    const contact = page.getByRole("region", { name: "Contact" });
    expect(await contact.getByRole("link", { name: "0521 000 000" }).getAttribute("href")).toBe("tel:0521000000");

    // Only this neighbourhood: nothing of the other demo neighbourhoods.
    expect(await page.getByText("Leidschendam").count()).toBe(0);
    expect(await page.getByText("Lindenholt").count()).toBe(0);

    await waitForHydration(page);
    expect(pageErrors).toEqual([]);
  });

  it("switches to English and back with the button in the header, keeping the address", async () => {
    await page.goto(url("/?van=test"));
    await waitForHydration(page);

    const toEnglish = page.getByRole("button", { name: "Read this in English" });
    // Screen readers must pronounce the English label in English.
    expect(await toEnglish.getAttribute("lang")).toBe("en");
    await toEnglish.click();

    await page.getByRole("heading", { level: 2, name: "Opening hours" }).waitFor();
    expect(await documentLanguage(page)).toBe("en");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/?van=test");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    expect(await textsOf(openingHours().getByRole("term"))).toEqual(englishDays);
    expect(await textsOf(openingHours().getByRole("definition"))).toEqual(englishDays.map(() => "09:00 to 16:00"));
    expect(await page.getByRole("link", { name: "Skip to content" }).count()).toBe(1);

    // The choice is remembered.
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Opening hours" }).waitFor();
    expect(await documentLanguage(page)).toBe("en");

    const toDutch = page.getByRole("button", { name: "Lees dit in het Nederlands" });
    expect(await toDutch.getAttribute("lang")).toBe("nl");
    await waitForHydration(page);
    await toDutch.click();

    await page.getByRole("heading", { level: 2, name: "Openingstijden" }).waitFor();
    expect(await documentLanguage(page)).toBe("nl");
    expect(await textsOf(openingHours().getByRole("term"))).toEqual(dutchDays);
    expect(await page.getByRole("button", { name: "Read this in English" }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it("focuses and shows the skip link on the first Tab, and the link skips the header", async () => {
    await page.goto(url());
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await waitForHydration(page);

    const skipLink = page.getByRole("link", { name: "Naar de inhoud" });
    const hidden = await skipLink.boundingBox();
    expect(hidden, "the skip link is rendered").not.toBeNull();
    // Out of sight until it gets focus.
    expect(hidden!.x + hidden!.width).toBeLessThanOrEqual(0);

    await page.keyboard.press("Tab");
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    const shown = await skipLink.boundingBox();
    const viewport = page.viewportSize()!;
    expect(shown).not.toBeNull();
    expect(shown!.width).toBeGreaterThan(0);
    expect(shown!.height).toBeGreaterThan(0);
    expect(shown!.x).toBeGreaterThanOrEqual(0);
    expect(shown!.y).toBeGreaterThanOrEqual(0);
    expect(shown!.x + shown!.width).toBeLessThanOrEqual(viewport.width);
    expect(shown!.y + shown!.height).toBeLessThanOrEqual(viewport.height);
    // A keyboard user sees where focus is.
    expect(await skipLink.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe("solid");

    // Following it moves focus to the main content, so the next Tab skips the language button.
    await page.keyboard.press("Enter");
    await page.waitForURL(/#inhoud$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main")?.id)).toBe("inhoud");
    // The first link in the content: the first offer that has a page of its own.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Hulp bij klussen in en om het huis");
    expect(pageErrors).toEqual([]);
  });
});
