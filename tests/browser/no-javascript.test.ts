import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import { seedDemoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { describeInBrowser, documentLanguage, launchBrowser, newContext, textsOf } from "../support/browser";
import { openTestDatabase } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const name = "Wijkwerkplaats Steenwijk-West";

describeInBrowser("a neighbourhood's home page in Chromium with JavaScript off", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    database = await openTestDatabase();
    expect(await seedDemoNeighbourhoods(database)).toBeGreaterThan(0);
    server = await startTestServer(database);
    browser = await launchBrowser();
    context = await newContext(browser, { javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  const openingHours = () => page.getByRole("region", { name: /^(Openingstijden|Opening hours)$/ });

  /** The switch is a plain form POST to /taal answered with 303 See Other back to the page. */
  async function switchLanguage(buttonName: string, expectedHeading: string): Promise<void> {
    const post = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/taal");
    await page.getByRole("button", { name: buttonName }).click();
    const response = await post;
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toBe("/");
    await page.getByRole("heading", { level: 2, name: expectedHeading }).waitFor();
  }

  it("shows the name and opening hours, and switches language both ways", async () => {
    const response = await page.goto(server!.url("steenwijk-west"));
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    // Really no JavaScript: Remix's inline script never ran, so nothing was hydrated.
    expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe("undefined");

    expect(await documentLanguage(page)).toBe("nl");
    expect((await textsOf(openingHours().getByRole("term")))[0]).toBe("maandag");
    expect((await textsOf(openingHours().getByRole("definition")))[0]).toBe("09:00 tot 16:00 uur");

    await switchLanguage("Read this in English", "Opening hours");
    expect(await documentLanguage(page)).toBe("en");
    expect(new URL(page.url()).href).toBe(server!.url("steenwijk-west"));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    expect((await textsOf(openingHours().getByRole("term")))[0]).toBe("Monday");
    expect((await textsOf(openingHours().getByRole("definition")))[0]).toBe("09:00 to 16:00");

    await switchLanguage("Lees dit in het Nederlands", "Openingstijden");
    expect(await documentLanguage(page)).toBe("nl");
    expect((await textsOf(openingHours().getByRole("term")))[0]).toBe("maandag");
  });
});
