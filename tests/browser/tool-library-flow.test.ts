import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { collectPageErrors, describeInBrowser, launchBrowser, newContext, textsOf, waitForHydration, logInThroughForm } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "samen delen is slim";
const today = localToday();

describeInBrowser("the tool library in Chromium: a resident reserves a drill, the desk hands it out and takes it back", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("boor");
  const emails: Record<"resident" | "volunteer", string> = { resident: `${uniqueSlug("bewoner")}@example.org`, volunteer: `${uniqueSlug("balie")}@example.org` };

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Klushuis De Boor" }, seedNeighbourhood({ city: "Lindenholt" }));
    const db = tenantDb(database, tenant.id);
    for (const [role, email] of Object.entries(emails) as [Role, string][]) {
      const account = await createAccount(platformDb(database), { email, password });
      await addMember(db, { accountId: account.id, name: role === "resident" ? "Fatima Bewoner" : "Kees van de Balie", role });
    }
    const tool = (fields: Record<string, string>) => createTool(db, toolFormSchema.parse({ condition: "good", maxLoanDays: "7", ...fields }));
    await tool({ name: "Klopboormachine", category: "Boren", fee: "2", deposit: "10", description: "Voor gaten in steen en beton.", safetyNotes: "Draag een veiligheidsbril." });
    await tool({ name: "Heggenschaar", category: "Tuin" });
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

  it("the resident finds the drill and reserves it, on a phone without JavaScript", async () => {
    const page = await signedIn("resident", { javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    await page.getByRole("banner").getByRole("link", { name: "Gereedschap lenen" }).click();
    await page.getByRole("heading", { level: 1, name: "Gereedschap lenen" }).waitFor();
    await page.getByRole("searchbox", { name: "Zoek gereedschap" }).fill("boor");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("status").filter({ hasText: "1 stuk gereedschap gevonden." }).waitFor();
    expect(await textsOf(page.getByRole("heading", { level: 2 }))).toEqual(["Klopboormachine"]);
    expect(await page.getByText("✓ Nu vrij").count()).toBe(1);

    await page.getByRole("link", { name: "Klopboormachine" }).click();
    await page.getByRole("heading", { level: 1, name: "Klopboormachine" }).waitFor();
    expect(await page.getByText("Draag een veiligheidsbril.").count()).toBe(1);
    // First a mistake: bringing it back before picking it up.
    await page.getByLabel("Ophalen op").fill(addDays(today, 2));
    await page.getByLabel("Terugbrengen op").fill(today);
    await page.getByRole("button", { name: "Reserveer" }).click();
    const end = page.getByLabel("Terugbrengen op");
    expect(await end.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await end.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${describedBy.split(" ").find((id) => id.endsWith("-fout"))}`).textContent()).toBe(
      "De dag van terugbrengen moet op of na de dag van ophalen zijn.",
    );
    expect(await page.getByLabel("Ophalen op").inputValue()).toBe(addDays(today, 2));

    await page.getByLabel("Ophalen op").fill(today);
    await page.getByLabel("Terugbrengen op").fill(addDays(today, 2));
    await page.getByRole("button", { name: "Reserveer" }).click();
    await page.waitForURL(/\/account\/leningen/);
    await page.getByRole("status").filter({ hasText: "Gelukt! Je hebt het gereserveerd." }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Klopboormachine" });
    expect((await textsOf(row.getByRole("cell")))[2]).toBe("Gereserveerd");
  });

  it("the desk hands it out with the deposit paid and the fee waived, and takes it back", async () => {
    const page = await signedIn("volunteer");
    const pageErrors = collectPageErrors(page);
    await page.goto(server!.url(slug, "/balie"));
    await page.getByRole("heading", { level: 1, name: "Balie: uitlenen en terugnemen" }).waitFor();
    await waitForHydration(page);
    const toHandOut = page.getByRole("region", { name: "Klaarleggen en meegeven (1)" });
    expect(await textsOf(toHandOut.getByRole("cell"))).toContain("Fatima Bewoner");
    await toHandOut.getByRole("link", { name: /Klopboormachine/ }).click();
    await page.getByRole("heading", { level: 1, name: /Klopboormachine .* voor Fatima Bewoner/ }).waitFor();

    await page.getByLabel("Staat bij het meegeven").fill("Boor werkt, koffer is gebarsten");
    await page.getByRole("group", { name: "Borg (€ 10,00)" }).getByLabel("Contant betaald").check();
    await page.getByRole("group", { name: "Leenprijs (€ 2,00)" }).getByLabel("Niet betaald (hoeft niet)").check();
    await page.getByRole("button", { name: "Meegeven" }).click();
    // Not paid without a reason: the form says so next to the field and keeps what was filled in.
    await page.getByText("Schrijf de reden op.").waitFor();
    expect(await page.getByLabel("Staat bij het meegeven").inputValue()).toBe("Boor werkt, koffer is gebarsten");
    expect(await page.getByRole("group", { name: "Borg (€ 10,00)" }).getByLabel("Contant betaald").isChecked()).toBe(true);
    expect(await page.getByRole("group", { name: "Leenprijs (€ 2,00)" }).getByLabel("Niet betaald (hoeft niet)").isChecked()).toBe(true);
    await page.getByLabel("Waarom hoeft het niet?").fill("Eerste keer lenen");
    await page.getByRole("button", { name: "Meegeven" }).click();
    await page.getByRole("status").filter({ hasText: "Het gereedschap is meegegeven." }).waitFor();

    await page.getByLabel("Staat bij het terugbrengen").fill("Schoon teruggebracht");
    await page.getByLabel("Borg teruggegeven").check();
    await page.getByRole("button", { name: "Terugnemen" }).click();
    await page.getByRole("status").filter({ hasText: "Het gereedschap is terug. Dank je!" }).waitFor();

    await page.goto(server!.url(slug, "/balie"));
    await page.getByRole("region", { name: "Nu uitgeleend (0)" }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("the resident sees it returned", async () => {
    const page = await signedIn("resident");
    await page.goto(server!.url(slug, "/account/leningen"));
    const row = page.getByRole("row").filter({ hasText: "Klopboormachine" });
    expect((await textsOf(row.getByRole("cell")))[2]).toBe("Teruggebracht");
  });
});
