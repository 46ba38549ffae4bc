import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { collectPageErrors, describeInBrowser, launchBrowser, newContext, textsOf, waitForHydration, logInThroughForm } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "samen repareren is slim";

describeInBrowser("repairs in Chromium: a resident brings a bicycle, the desk repairs it and hands it back", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("fiets");
  const emails: Record<"resident" | "volunteer", string> = { resident: `${uniqueSlug("bewoner")}@example.org`, volunteer: `${uniqueSlug("fixer")}@example.org` };

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
    const db = tenantDb(database, tenant.id);
    for (const [role, email] of Object.entries(emails) as [Role, string][]) {
      const account = await createAccount(platformDb(database), { email, password });
      await addMember(db, { accountId: account.id, name: role === "resident" ? "Fatima Bewoner" : "Kees van de Balie", role });
    }
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function signedIn(who: "resident" | "volunteer", options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser!, options);
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), emails[who], password);
  }

  it("the resident registers a broken bicycle, on a phone without JavaScript", async () => {
    const page = await signedIn("resident", { javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    await page.goto(server!.url(slug, "/reparaties"));
    await page.getByRole("heading", { level: 1, name: "Mijn reparaties" }).waitFor();
    await page.getByRole("link", { name: "Iets aanmelden om te repareren" }).click();
    await page.getByRole("heading", { level: 1, name: "Iets laten repareren" }).waitFor();
    // First a mistake: nothing written about what is broken.
    await page.getByRole("group", { name: "Wat is het?" }).getByLabel("Fiets").check();
    await page.getByLabel("Merk en type").fill("Gazelle");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    const fault = page.getByLabel("Wat is er kapot?");
    expect(await fault.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#veld-fault-fout").textContent()).toBe("Schrijf op wat er kapot is.");
    expect(await page.getByLabel("Merk en type").inputValue()).toBe("Gazelle");
    expect(await page.getByRole("group", { name: "Wat is het?" }).getByLabel("Fiets").isChecked()).toBe(true);

    await fault.fill("De achterband loopt steeds leeg.");
    await page.getByLabel("Ik wil leren het zelf te doen").check();
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.waitForURL(/\/reparaties\/[0-9a-f-]{36}\?aangemeld=1/);
    await page.getByRole("status").filter({ hasText: "Gelukt! We hebben je reparatie." }).waitFor();
    await page.getByRole("link", { name: "Terug naar mijn reparaties" }).click();
    const row = page.getByRole("row").filter({ hasText: "Fiets (Gazelle)" });
    expect((await textsOf(row.getByRole("cell")))[2]).toBe("Aangemeld");
  });

  it("the desk plans it, works on it, closes it as repaired with a part and a cash contribution, and hands it back", async () => {
    const page = await signedIn("volunteer");
    const pageErrors = collectPageErrors(page);
    await page.goto(server!.url(slug, "/balie/reparaties"));
    await page.getByRole("heading", { level: 1, name: "Balie: reparaties" }).waitFor();
    await waitForHydration(page);
    const registered = page.getByRole("region", { name: "Aangemeld (1)" });
    expect(await textsOf(registered.getByRole("cell"))).toContain("Fatima Bewoner");
    await registered.getByRole("link", { name: "Fiets (Gazelle)" }).click();
    await page.getByRole("heading", { level: 1, name: /Reparatie \d+: Fiets \(Gazelle\)/ }).waitFor();
    await waitForHydration(page);

    await page.getByRole("group", { name: "Wie maakt het?" }).getByLabel("Kees van de Balie").check();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
    await page.getByRole("button", { name: "Naar: We zijn ermee bezig" }).click();
    await page.getByRole("status").filter({ hasText: "De status is veranderd." }).waitFor();

    await page.getByLabel("Onderdeel", { exact: true }).fill("Binnenband");
    await page.getByLabel("Kostprijs", { exact: true }).fill("4,50");
    await page.getByRole("button", { name: "Onderdeel toevoegen" }).click();
    await page.getByText("Samen € 4,50").waitFor();

    await page.getByRole("group", { name: "Hoe is het afgelopen?" }).getByLabel("Gerepareerd").check();
    expect(await page.getByLabel("Bijdrage van de bewoner").inputValue()).toBe("4,50");
    await page.getByRole("button", { name: "Afronden" }).click();
    // The contribution needs cash or not paid: said next to the field, the choices kept.
    await page.getByText("Vink aan of dit contant betaald is of niet betaald.").waitFor();
    expect(await page.getByRole("group", { name: "Hoe is het afgelopen?" }).getByLabel("Gerepareerd").isChecked()).toBe(true);
    await page.getByRole("group", { name: "Betaald?" }).getByLabel("Contant betaald").check();
    await page.getByRole("button", { name: "Afronden" }).click();
    await page.getByRole("status").filter({ hasText: "Afgerond. De bewoner krijgt bericht." }).waitFor();

    await page.getByRole("button", { name: "Naar: Opgehaald" }).click();
    await page.getByRole("status").filter({ hasText: "De status is veranderd." }).waitFor();
    await page.goto(server!.url(slug, "/balie/reparaties"));
    await page.getByRole("region", { name: "Aangemeld (0)" }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("the resident sees it collected, with what it cost", async () => {
    const page = await signedIn("resident");
    await page.goto(server!.url(slug, "/reparaties"));
    const row = page.getByRole("row").filter({ hasText: "Fiets (Gazelle)" });
    expect((await textsOf(row.getByRole("cell")))[2]).toBe("Opgehaald");
    await row.getByRole("link").click();
    await page.getByText("Je hebt het opgehaald.").waitFor();
    expect(await page.getByText("€ 4,50, contant betaald").count()).toBe(1);
  });
});
