import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { reserveTool } from "~/modules/tool-library/loans.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "een wijk met een eigen kleur";
const today = localToday();

describeInBrowser("the look: no sideways scrolling on a phone, readable tables, the neighbourhood's own colour", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("ontwerp");
  const emails = { resident: `${uniqueSlug("bewoner")}@example.org`, coordinator: `${uniqueSlug("coordinator")}@example.org` };
  let toolId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Wijkwerkplaats Lindenholt-Zuid" }, seedNeighbourhood({ city: "Nijmegen" }));
    const db = tenantDb(database, tenant.id);
    const ids: Record<string, string> = {};
    for (const role of ["resident", "coordinator"] as const) {
      const account = await createAccount(platformDb(database), { email: emails[role], password });
      ids[role] = (await addMember(db, { accountId: account.id, name: role === "resident" ? "Fatima El Amrani-Bouzambou" : "Kees de Coördinator", role })).id;
    }
    await createTool(db, toolFormSchema.parse({ condition: "good", maxLoanDays: "7", name: "Klopboormachine met extra lange naam", category: "Boren", fee: "2", deposit: "10" }));
    toolId = (await db.selectFrom("tools").select("id").executeTakeFirstOrThrow()).id;
    const reserved = await reserveTool(db, { toolId, memberId: ids.resident!, actor: ids.resident!, start: addDays(today, 2), end: addDays(today, 4), today });
    if (!reserved.ok) throw new Error(reserved.error);
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  const url = (path: string) => server!.url(slug, path);

  async function pageFor(who: "visitor" | keyof typeof emails, options: BrowserContextOptions): Promise<Page> {
    const context = await newContext(browser!, options);
    contexts.push(context);
    const page = await context.newPage();
    return who === "visitor" ? page : logInThroughForm(page, url, emails[who], password);
  }

  it("no main page scrolls sideways on a 360 px phone, and none has a console error (such as a CSP refusal)", async () => {
    const phone = { viewport: { width: 360, height: 740 } };
    const pages: Record<"visitor" | keyof typeof emails, string[]> = {
      visitor: ["/", "/gereedschap", `/gereedschap/${toolId}`, "/repaircafe", "/inloggen", "/aanmelden"],
      resident: ["/account", "/account/leningen", "/reparaties", "/klussen"],
      coordinator: [
        "/balie",
        "/balie/reparaties",
        "/balie/repaircafe",
        "/beheer/klussen",
        "/beheer",
        "/beheer/profiel",
        "/beheer/gereedschap",
        "/beheer/gereedschap/cijfers",
        "/beheer/uitleenregels",
        "/beheer/klussen/partners",
        "/beheer/logboek",
      ],
    };
    const tooWide: string[] = [];
    // Below 600 px a table shows its rows as cards (app.css, table.cards): none may be left out.
    const plainTables: string[] = [];
    for (const [who, paths] of Object.entries(pages) as [keyof typeof pages, string[]][]) {
      const page = await pageFor(who, phone);
      const errors = collectPageErrors(page);
      for (const path of paths) {
        await page.goto(url(path));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) tooWide.push(`${path}: ${width}px`);
        const rows = await page.locator("main table tr").evaluateAll((trs) => trs.map((tr) => getComputedStyle(tr).display));
        if (rows.some((display) => display === "table-row")) plainTables.push(path);
      }
      expect(errors).toEqual([]);
    }
    expect(tooWide).toEqual([]);
    expect(plainTables).toEqual([]);
  });

  it("shows the cancel button of a reservation on a 390 px phone", async () => {
    const page = await pageFor("resident", { viewport: { width: 390, height: 844 } });
    await page.goto(url("/account/leningen"));
    const cancel = page.getByRole("button", { name: /Klopboormachine met extra lange naam/ });
    await cancel.scrollIntoViewIfNeeded();
    expect(await cancel.isVisible()).toBe(true);
    const box = (await cancel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });

  it("the coordinator's colour becomes the primary buttons' colour; a too light one is refused with a message", async () => {
    const page = await pageFor("coordinator", { viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(url("/beheer/profiel"));
    const colour = page.getByLabel("Kleur van de knoppen en de balk bovenaan");
    await colour.fill("#7a1f5c");
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Het profiel is opgeslagen." }).waitFor();
    await page.goto(url("/gereedschap"));
    const search = page.getByRole("button", { name: "Zoeken" });
    expect(await search.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe("rgb(122, 31, 92)");
    expect(await search.evaluate((button) => getComputedStyle(button).color)).toBe("rgb(255, 255, 255)");

    await page.goto(url("/beheer/profiel"));
    await colour.fill("#ffe680");
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.getByRole("alert").waitFor();
    expect(await colour.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#veld-accent_colour-fout").textContent()).toBe(
      "Deze kleur is te licht: tekst en knoppen zijn dan slecht te lezen. Kies een donkerdere kleur.",
    );
    expect(await colour.inputValue()).toBe("#ffe680");
    expect(errors).toEqual([]);
  });
});
