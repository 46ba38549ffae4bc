import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext, pageProblems, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "de balie zoekt snel";

describeInBrowser("the desk picks people and tools by typing, with and without JavaScript, on a phone", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let db: TenantDb;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("zoek");
  const emails = { volunteer: `${uniqueSlug("balie")}@example.org`, coordinator: `${uniqueSlug("coord")}@example.org` };

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Wijkwerkplaats De Zoeker" }, seedNeighbourhood({ city: "Nijmegen" }));
    db = tenantDb(database, tenant.id);
    for (const [role, email] of Object.entries(emails) as ["volunteer" | "coordinator", string][]) {
      const account = await createAccount(platformDb(database), { email, password });
      await addMember(db, { accountId: account.id, name: role === "volunteer" ? "Kees van de Balie" : "Coby Coördinator", role });
    }
    await addMember(db, { accountId: null, name: "Jan Jansen", role: "resident", phone: "06-12345678" });
    await addMember(db, { accountId: null, name: "Janneke de Vries", role: "resident", phone: "06-87654321" });
    const tool = (fields: Record<string, string>) => createTool(db, toolFormSchema.parse({ category: "Boren", condition: "good", maxLoanDays: "7", ...fields }));
    await tool({ name: "Accuboormachine", deposit: "10" });
    await tool({ name: "Ladder", category: "Ladders" });
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function signedIn(who: keyof typeof emails, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser!, { viewport: { width: 360, height: 740 }, ...options });
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), emails[who], password);
  }

  it("with JavaScript, matches follow the typing and are chosen with the keyboard", async () => {
    const page = await signedIn("volunteer");
    const pageErrors = collectPageErrors(page);
    await page.goto(server!.url(slug, "/balie/uitlenen"));
    await waitForHydration(page);
    const borrower = page.getByRole("group", { name: "Wie leent het?" });
    await borrower.getByLabel("Zoek op naam of telefoonnummer").fill("0687");
    await borrower.getByRole("status").filter({ hasText: "1 persoon gevonden." }).waitFor();
    await borrower.getByLabel("Zoek op naam of telefoonnummer").fill("jan");
    await borrower.getByRole("status").filter({ hasText: "2 mensen gevonden." }).waitFor();
    // From the search box: Tab past the button into the radio buttons, arrows to choose.
    await borrower.getByLabel("Zoek op naam of telefoonnummer").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    expect(await borrower.getByLabel("Jan Jansen · 06-12345678 · zonder account").isChecked()).toBe(true);

    const tool = page.getByRole("group", { name: "Welk gereedschap?" });
    await tool.getByLabel("Nummer op de sticker of naam").fill("1");
    await tool.getByRole("status").filter({ hasText: "1 stuk gereedschap gevonden." }).waitFor();
    // A sticker number is the tool: chosen at once, and its deposit is asked.
    expect(await tool.getByLabel("nr. 1 · Accuboormachine").isChecked()).toBe(true);
    await page.getByRole("group", { name: "Borg (€ 10,00)" }).getByLabel("Contant betaald").check();
    expect(await pageProblems(page)).toEqual([]);

    await page.getByRole("button", { name: "Uitlenen" }).click();
    await page.getByRole("status").filter({ hasText: "Uitgeleend: Accuboormachine aan Jan Jansen." }).waitFor();
    expect(await page.getByLabel("Nummer op de sticker of naam").inputValue()).toBe("");
    expect(pageErrors).toEqual([]);
  });

  it("without JavaScript, the search buttons come back with the matches and keep what was typed", async () => {
    const page = await signedIn("volunteer", { javaScriptEnabled: false });
    await page.goto(server!.url(slug, "/balie/uitlenen"));
    await page.getByLabel("Staat bij het meegeven").fill("Voetje is los");
    const tool = page.getByRole("group", { name: "Welk gereedschap?" });
    await tool.getByLabel("Nummer op de sticker of naam").fill("ladd");
    await tool.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("group", { name: "Welk gereedschap?" }).getByRole("status").filter({ hasText: "1 stuk gereedschap gevonden." }).waitFor();
    await page.getByLabel("nr. 2 · Ladder").check();
    const borrower = page.getByRole("group", { name: "Wie leent het?" });
    await borrower.getByLabel("Zoek op naam of telefoonnummer").fill("vries");
    await borrower.getByRole("button", { name: "Zoeken" }).click();
    await page.getByLabel("Janneke de Vries · 06-87654321 · zonder account").check();
    // Both searches came back without losing anything typed or chosen before them.
    expect(await page.getByLabel("nr. 2 · Ladder").isChecked()).toBe(true);
    expect(await page.getByLabel("Staat bij het meegeven").inputValue()).toBe("Voetje is los");
    expect(await pageProblems(page, { javaScript: false })).toEqual([]);
    await page.getByRole("button", { name: "Uitlenen" }).click();
    await page.getByRole("status").filter({ hasText: "Uitgeleend: Ladder aan Janneke de Vries." }).waitFor();
    const loan = await db.selectFrom("loans").innerJoin("members", "members.id", "loans.member_id").select(["members.name", "loans.condition_out"]).where("loans.status", "=", "on_loan").where("members.name", "=", "Janneke de Vries").executeTakeFirstOrThrow();
    expect(loan.condition_out).toBe("Voetje is los");
  });

  it("the label sheet shows each tool's QR code, and its desk page says who has the tool", async () => {
    const page = await signedIn("coordinator");
    const pageErrors = collectPageErrors(page);
    await page.goto(server!.url(slug, "/beheer/gereedschap"));
    await page.getByRole("link", { name: "Labels afdrukken" }).click();
    const qr = page.getByRole("img", { name: "QR-code naar de baliepagina van Ladder" });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await pageProblems(page)).toEqual([]);
    await page.goto(server!.url(slug, "/balie"));
    await page.getByLabel("Gereedschap zoeken").fill("2");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("heading", { level: 1, name: "Ladder (nr. 2)" }).waitFor();
    await page.getByText("Nu uitgeleend aan Janneke de Vries.").waitFor();
    expect(pageErrors).toEqual([]);
  });
});
