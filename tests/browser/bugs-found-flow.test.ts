// Bugs found in review (issue 9, part 6) that only show with JavaScript running in a browser.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { changeRepairStatus, registerRepair } from "~/modules/repairs/repairs.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { signedInAs, testPassword } from "../support/people";
import { startTestServer, type TestServer } from "../support/server";

describeInBrowser("bugs found in review, in Chromium with JavaScript", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let tenant: TenantRow;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    tenant = await createTenant(database, { slug: uniqueSlug("js"), name: "Wijk met JavaScript" }, seedNeighbourhood({ city: "Steenwijk" }));
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function page(): Promise<Page> {
    const context = await newContext(browser!);
    contexts.push(context);
    return context.newPage();
  }

  it("the catalog search counts what it found (it said NaN once the page was hydrated) without hydration errors", async () => {
    const db = tenantDb(database!, tenant.id);
    for (const name of ["Boormachine", "Accuboor"]) await createTool(db, toolFormSchema.parse({ name, category: "Boren", condition: "good", maxLoanDays: "7" }));
    const visitor = await page();
    const errors = collectPageErrors(visitor);
    await visitor.goto(server!.url(tenant.slug, "/gereedschap?q=boor"));
    await waitForHydration(visitor);
    const status = visitor.getByRole("status");
    await expect.poll(() => status.textContent()).toContain("2 stuks gereedschap gevonden.");
    expect(await status.textContent()).not.toContain("NaN");
    expect(errors).toEqual([]);
  });

  it("the desk's part form is empty again after a part was added", async () => {
    const coordinator = await signedInAs(database!, server!, tenant, "coordinator");
    const db = tenantDb(database!, tenant.id);
    const noStorage = { put: async () => {}, get: async () => null, remove: async () => {} };
    const registered = await registerRepair(db, noStorage, tenant.id, { kind: "bicycle", brand: "Gazelle", fault: "Ketting eraf", learnMyself: false, memberId: coordinator.member.id }, [], coordinator.member.id);
    if (!registered.ok) throw new Error("registering the repair failed");
    await changeRepairStatus(db, registered.repairId, { expected: "registered", to: "in_progress" }, { actor: coordinator.member.id, tenant, siteUrl: server!.url(tenant.slug) });

    const desk = await logInThroughForm(await page(), (path) => server!.url(tenant.slug, path), coordinator.email, testPassword);
    await desk.goto(server!.url(tenant.slug, `/balie/reparaties/${registered.repairId}`));
    await waitForHydration(desk);
    const parts = desk.getByRole("form", { name: "Onderdelen (tegen kostprijs)" });
    await parts.getByRole("textbox").nth(0).fill("Nieuwe ketting");
    await parts.getByRole("textbox").nth(1).fill("12,50");
    await parts.getByRole("button").click();
    await desk.getByRole("listitem").filter({ hasText: "Nieuwe ketting" }).waitFor();
    expect(await parts.getByRole("textbox").nth(0).inputValue()).toBe("");
    expect(await parts.getByRole("textbox").nth(1).inputValue()).toBe("");
  });
});
