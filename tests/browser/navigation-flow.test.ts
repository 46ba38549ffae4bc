import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { localToday, addDays } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "het menu werkt overal";
const phone = { viewport: { width: 360, height: 640 } };
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const headerFits = (page: Page) => page.evaluate(() => [...document.querySelectorAll("header, header *")].every((element) => element.getBoundingClientRect().right <= window.innerWidth));

describeInBrowser("the header's menu on a 360 px phone, with and without JavaScript", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("menu");
  const email = `${uniqueSlug("coord")}@example.org`;

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Wijkwerkplaats Het Menu met een lange naam" }, seedNeighbourhood());
    const db = tenantDb(database, tenant.id);
    const account = await createAccount(platformDb(database), { email, password });
    await addMember(db, { accountId: account.id, name: "Coby Coördinator", role: "coordinator" });
    const tool = await createTool(db, toolFormSchema.parse({ name: "Heggenschaar", category: "Tuin", condition: "good", maxLoanDays: "7" }));
    await db.insertInto("loans").values({ tool_id: tool, member_id: null, status: "reserved", period: `[${localToday()},${addDays(localToday(), 2)})` }).execute();
    server = await startTestServer(database);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function coordinatorPage(javaScriptEnabled: boolean): Promise<Page> {
    const context = await newContext(browser!, { ...phone, javaScriptEnabled });
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), email, password);
  }

  it("a visitor sees the call to sign up and the login without opening anything, and no sideways scroll", async () => {
    const context = await newContext(browser!, { ...phone, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server!.url(slug));
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    expect(await nav.getByRole("link", { name: "Aanmelden" }).isVisible()).toBe(true);
    expect(await nav.getByRole("link", { name: "Inloggen" }).isVisible()).toBe(true);
    expect(await nav.getByRole("link", { name: "Gereedschap lenen" }).isVisible()).toBe(true);
    expect(await noSideways(page)).toBe(true);
  });

  it("without JavaScript the menu opens, shows the desk with its count, and leads there", async () => {
    const page = await coordinatorPage(false);
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    // The count is one number on screen and a sentence for a screen reader.
    const desk = nav.getByRole("link", { name: /^Balie ?, 1 om uit te geven$/ });
    expect(await desk.isVisible()).toBe(false);
    await nav.locator("summary", { hasText: "Menu" }).click();
    await desk.waitFor();
    expect(await noSideways(page)).toBe(true);
    await desk.click();
    await page.waitForURL(server!.url(slug, "/balie"));
    // Closed again after the page load; its link to this page is marked.
    expect(await page.locator("details.site-menu").getAttribute("open")).toBeNull();
    expect(await page.locator('header a[href="/balie"]').getAttribute("aria-current")).toBe("page");
    // The desk's loan table is the page's own (app.css); the header stays within the screen.
    expect(await headerFits(page)).toBe(true);
  });

  it("with JavaScript the menu opens by keyboard, a link navigates, and the menu is closed on the next page", async () => {
    const page = await coordinatorPage(true);
    const errors = collectPageErrors(page);
    await waitForHydration(page);
    const summary = page.locator("summary", { hasText: "Menu" });
    await summary.focus();
    await page.keyboard.press("Enter");
    const manage = page.getByRole("link", { name: "Beheer", exact: true });
    await manage.waitFor();
    expect(await noSideways(page)).toBe(true);
    await manage.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(server!.url(slug, "/beheer"));
    await page.getByRole("heading", { level: 1, name: /^Beheer van / }).waitFor();
    expect(await page.locator("details.site-menu").getAttribute("open")).toBeNull();
    expect(await noSideways(page)).toBe(true);
    expect(errors).toEqual([]);
  });
});
