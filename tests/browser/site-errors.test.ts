import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { seedDemoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant, setTenantStatus } from "~/modules/tenants/tenants.server";
import { describeInBrowser, documentLanguage, launchBrowser, newContext } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { request, startTestServer, type TestServer } from "../support/server";

/** The resolver's cache is cleared by a Postgres NOTIFY, which arrives shortly after the update. */
async function waitForStatus(url: string, status: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await request(url)).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} still answers ${last}, not ${status}, after ${timeoutMs} ms`);
}

describeInBrowser("friendly error pages in Chromium", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoNeighbourhoods(database);
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  beforeEach(async () => {
    context = await newContext(browser!);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it("an unknown subdomain: 404 and 'Deze wijk kennen we niet', with a way to all neighbourhoods", async () => {
    const response = await page.goto(server!.url(uniqueSlug("onbekend")));
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Deze wijk kennen we niet" }).waitFor();
    expect(await page.title()).toBe("Deze wijk kennen we niet");
    expect(await documentLanguage(page)).toBe("nl");
    expect(await page.getByText("Er is geen wijk op Wijkplaats met dit adres.").count()).toBe(1);
    // No neighbourhood content leaks onto the page.
    expect(await page.getByRole("heading", { name: "Openingstijden" }).count()).toBe(0);

    await page.getByRole("link", { name: "Naar alle wijken op Wijkplaats" }).click();
    await page.waitForURL(server!.url(null));
    await page.getByRole("heading", { level: 2, name: "Wijken op Wijkplaats" }).waitFor();
  });

  it("an unknown page of a known neighbourhood: 404 and 'Deze pagina bestaat niet'", async () => {
    const response = await page.goto(server!.url("steenwijk-west", "/bestaat-niet"));
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Deze pagina bestaat niet" }).waitFor();
    expect(await page.title()).toBe("Deze pagina bestaat niet");
  });

  it("a suspended neighbourhood: 503 and 'Tijdelijk gesloten'; open again once resumed", async () => {
    const slug = uniqueSlug("dicht");
    const name = "Buurthuis De Tijdelijke Deur";
    await createTenant(database!, { slug, name }, seedNeighbourhood({ tagline: "Even dicht." }));

    // First seen while open, so the resolver has it cached as active.
    expect((await page.goto(server!.url(slug)))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name }).waitFor();

    await setTenantStatus(platformDb(database!), slug, "suspended");
    await waitForStatus(server!.url(slug), 503);

    const response = await page.goto(server!.url(slug));
    expect(response?.status()).toBe(503);
    await page.getByRole("heading", { level: 1, name: "Tijdelijk gesloten" }).waitFor();
    expect(await page.title()).toBe("Tijdelijk gesloten");
    expect(
      await page.getByText(`De website van ${name} is tijdelijk gesloten. Probeer het later nog eens.`).count(),
    ).toBe(1);
    expect(await page.getByText("Even dicht.").count()).toBe(0);

    await setTenantStatus(platformDb(database!), slug, "active");
    await waitForStatus(server!.url(slug), 200);
    expect((await page.goto(server!.url(slug)))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name }).waitFor();
  });
});
