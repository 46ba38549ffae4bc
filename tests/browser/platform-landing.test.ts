import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { demoNeighbourhoods, seedDemoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant, setTenantStatus } from "~/modules/tenants/tenants.server";
import { collectPageErrors, describeInBrowser, documentLanguage, launchBrowser, newContext, textsOf } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

describeInBrowser("the platform's landing page in Chromium", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const closedName = "Buurtkamer Gesloten Luik";

  beforeAll(async () => {
    database = await openTestDatabase();
    expect(await seedDemoNeighbourhoods(database)).toBe(demoNeighbourhoods.length);
    // A suspended neighbourhood is not advertised on the landing page.
    const closedSlug = uniqueSlug("dicht");
    await createTenant(database, { slug: closedSlug, name: closedName }, seedNeighbourhood({}));
    await setTenantStatus(platformDb(database), closedSlug, "suspended");
    server = await startTestServer(database);
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("lists the active neighbourhoods by name; a click lands on that neighbourhood's own subdomain", async () => {
    const pageErrors = collectPageErrors(page);
    const response = await page.goto(server!.url(null));
    expect(response?.status()).toBe(200);

    await page.getByRole("heading", { level: 1, name: "Wijkplaats: de werkplaats van je wijk" }).waitFor();
    expect(await documentLanguage(page)).toBe("nl");
    await page.getByRole("heading", { level: 2, name: "Wijken op Wijkplaats" }).waitFor();

    const links = page.getByRole("main").getByRole("listitem").getByRole("link");
    const expectedNames = demoNeighbourhoods.map((n) => n.name).sort();
    expect(await textsOf(links)).toEqual(expectedNames);
    expect(await page.getByText(closedName).count()).toBe(0);
    const steenwijk = page.getByRole("link", { name: "Wijkwerkplaats Steenwijk-West" });
    expect(await steenwijk.getAttribute("href")).toBe(server!.url("steenwijk-west"));
    expect(await page.getByText("Steenwijkerland, Overijssel").count()).toBe(1);

    await steenwijk.click();
    await page.waitForURL(server!.url("steenwijk-west"));
    await page.getByRole("heading", { level: 1, name: "Wijkwerkplaats Steenwijk-West" }).waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "Openingstijden" }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
