import pino from "pino";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow } from "~/db/tables";
import { addDays, formatDay, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createOnlinePayments, type OnlinePayments } from "~/modules/payments/stripe.server";
import { handleStripeEvent } from "~/modules/payments/webhooks.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { collectPageErrors, describeInBrowser, launchBrowser, logInThroughForm, newContext, pageProblems, textsOf, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { aReservation, aTool } from "../support/factories";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import { startTestServer, type TestServer } from "../support/server";

const password = "betalen kan ook online";
const today = localToday();
const neighbourhood = "Wijkwerkplaats Zwolle-Assendorp";

describeInBrowser("paying online in Chromium: a resident pays a tool's fee with iDEAL on Stripe's checkout page and sees the receipt", () => {
  let database: Database | undefined;
  let fake: FakeStripe | undefined;
  let payments: OnlinePayments;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let db: TenantDb;
  let resident: MemberRow;
  let stripeAccount = "";
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("assendorp");
  const email = `${uniqueSlug("bewoner")}@example.org`;
  const coordinatorEmail = `${uniqueSlug("coordinator")}@example.org`;
  /** Each test pays for its own reservation: once paid, nothing is due any more. */
  const loans: Record<"withScript" | "withoutScript", { tool: string; loanId: string; number: number }> = {
    withScript: { tool: "Hogedrukreiniger", loanId: "", number: 0 },
    withoutScript: { tool: "Behangafstomer", loanId: "", number: 0 },
  };
  /** Webhook events the app handed to its "job queue"; a test runs them when it wants to. */
  let queued: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    fake = await startFakeStripe();
    payments = createOnlinePayments({ secretKey: "sk_test_fake", webhookSecret: fake.webhookSecret, apiUrl: fake.url });
    server = await startTestServer(database, { online: { payments, queueEvent: async (id) => void queued.push(id) } });
    fake.setWebhook(`http://localhost:${server.port}/stripe/webhook`, fake.webhookSecret);

    const tenant = await createTenant(database, { slug, name: neighbourhood }, seedNeighbourhood({ city: "Zwolle" }));
    db = tenantDb(database, tenant.id);
    // The receipt names the neighbourhood's address, from its profile.
    await db.updateTable("profile").set({ street: "Assendorperstraat 40", postcode: "8012 DH", city: "Zwolle" }).execute();
    const account = await createAccount(platformDb(database), { email, password });
    resident = await addMember(db, { accountId: account.id, name: "Ruud Bewoner", role: "resident" });
    const coordinatorAccount = await createAccount(platformDb(database), { email: coordinatorEmail, password });
    await addMember(db, { accountId: coordinatorAccount.id, name: "Cora Coördinator", role: "coordinator" });
    for (const loan of Object.values(loans)) {
      // Only a fee, no deposit: the checkout has one line.
      const toolId = await aTool(db, { name: loan.tool, category: "Schoonmaken", fee: "2,50" });
      loan.loanId = await aReservation(db, { toolId, memberId: resident.id, start: today, end: addDays(today, 2) });
      loan.number = (await db.selectFrom("tools").select("number").where("id", "=", toolId).executeTakeFirstOrThrow()).number;
    }

    // The neighbourhood's own Stripe account, connected and through onboarding (as the coordinator's
    // page leaves it; that page has its own tests in tests/online-payments.test.ts).
    const connected = await fake.stripe().accounts.create({ type: "standard", country: "NL" });
    fake.updateAccount(connected.id, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    await platformDb(database)
      .insertInto("stripe_accounts")
      .values({ tenant_id: tenant.id, account_id: connected.id, details_submitted: true, charges_enabled: true, payouts_enabled: true })
      .execute();
    stripeAccount = connected.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await fake?.close();
    await database?.close();
  });

  async function signedIn(options: BrowserContextOptions = {}, as = email): Promise<Page> {
    const context = await newContext(browser!, { viewport: { width: 360, height: 740 }, ...options });
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), as, password);
  }

  /** Opens the header's menu (a phone shows it folded) and follows one of its links. */
  async function fromMenu(page: Page, name: string): Promise<void> {
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await nav.locator("summary", { hasText: "Menu" }).click();
    await nav.getByRole("link", { name, exact: true }).click();
  }

  /**
   * From the resident's loans page through our pay page to the fake's checkout page, paying with
   * iDEAL, back to our receipt. Checks our pages on the way; returns the Checkout Session's id.
   */
  async function payForLoan(page: Page, loan: (typeof loans)["withScript"], javaScript: boolean): Promise<string> {
    await fromMenu(page, "Mijn leningen");
    await page.getByRole("heading", { level: 1, name: "Mijn leningen" }).waitFor();
    if (javaScript) await waitForHydration(page);
    expect(await pageProblems(page, { javaScript })).toEqual([]);

    await page.getByRole("link", { name: `Online betalen: ${loan.tool}` }).click();
    await page.getByRole("heading", { level: 1, name: "Online betalen" }).waitFor();
    // Only the fee (no deposit), and the total.
    expect(await textsOf(page.getByRole("cell"))).toEqual([`Lening ${loan.number}: ${loan.tool} (huur)`, "€\u00a02,50", "€\u00a02,50"]);
    if (javaScript) await waitForHydration(page);
    expect(await pageProblems(page, { javaScript })).toEqual([]);

    // The form's answer sends the browser on to Stripe. Without JavaScript that is a redirect of the form
    // post itself, which Chromium lets through only because the CSP's form-action names Stripe's origin.
    await page.getByRole("button", { name: "Betalen met iDEAL of pas" }).click();
    await page.waitForURL((url) => url.origin === fake!.url && url.pathname.startsWith("/checkout/cs_test_"));
    const sessionId = new URL(page.url()).pathname.split("/").at(-1)!;
    // Stripe's page (the fake's; not ours, so not checked with axe) asks exactly what the record asks.
    await page.getByRole("heading", { level: 1, name: "Afrekenen" }).waitFor();
    expect(await textsOf(page.getByRole("row", { name: /Totaal/ }).getByRole("cell"))).toEqual(["€\u00a02,50"]);
    await page.getByLabel("iDEAL").check();
    await page.getByRole("button", { name: "Betalen" }).click();

    // Back on our site, on the receipt of this session.
    await page.waitForURL(server!.url(slug, `/betalen/bon/${sessionId}`));
    await page.getByRole("heading", { level: 1, name: "Betaalbewijs" }).waitFor();
    expect(await textsOf(page.getByRole("status"))).toEqual(["Betaald. Dank je wel!"]);
    expect(await textsOf(page.getByRole("cell"))).toEqual([`Lening ${loan.number}: ${loan.tool} (huur)`, "€\u00a02,50", "€\u00a02,50"]);
    expect(await textsOf(page.getByRole("definition"))).toEqual([formatDay(today, "nl"), `${neighbourhood}\nAssendorperstraat 40\n8012 DH Zwolle`]);
    if (javaScript) await waitForHydration(page);
    expect(await pageProblems(page, { javaScript })).toEqual([]);
    return sessionId;
  }

  /** What Stripe holds of the session: paid, with iDEAL, for €2,50. */
  async function paidAtStripe(sessionId: string) {
    const session = await fake!.stripe().checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] }, { stripeAccount });
    const intent = session.payment_intent as { payment_method_types: string[] } | null;
    return { status: session.payment_status, amount: session.amount_total, methods: intent?.payment_method_types };
  }

  /** The ledger's entries for one loan. */
  const ledgerOf = (loanId: string) =>
    db.selectFrom("ledger_entries").select(["purpose", "kind", "method", "amount_cents", "member_id", "stripe_fee_cents"]).where("record_id", "=", loanId).execute();

  it("with JavaScript, on a phone: from the menu to the loans page, pays the fee with iDEAL and sees the receipt", async () => {
    const loan = loans.withScript;
    const page = await signedIn();
    const pageErrors = collectPageErrors(page);
    await waitForHydration(page);
    const sessionId = await payForLoan(page, loan, true);
    expect(pageErrors).toEqual([]);

    expect(await paidAtStripe(sessionId)).toEqual({ status: "paid", amount: 250, methods: ["ideal"] });
    // The receipt page asked Stripe itself; the webhook's event, handled later, records nothing twice.
    expect(await ledgerOf(loan.loanId)).toEqual([{ purpose: "fee", kind: "payment", method: "online", amount_cents: 250, member_id: resident.id, stripe_fee_cents: 29 }]);
    expect(queued).toHaveLength(1);
    const log = pino({ level: "silent" });
    for (const id of queued.splice(0)) await handleStripeEvent(database!, payments, id, `http://localhost:${server!.port}/`, log);
    expect(await ledgerOf(loan.loanId)).toHaveLength(1);
    const mail = await platformDb(database!).selectFrom("outbox").select("body").where("to_address", "=", email).where("body", "like", `%${sessionId}%`).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("Bedrag: €\u00a02,50");

    // Nothing is left to pay for this loan: the loans page no longer offers it.
    await page.getByRole("link", { name: "Terug naar je overzicht" }).click();
    // Opened before the next page is shown, the menu would be closed again by that page (SiteNavigation).
    await page.getByRole("heading", { level: 1, name: "Mijn account" }).waitFor();
    await fromMenu(page, "Mijn leningen");
    await page.getByRole("heading", { level: 1, name: "Mijn leningen" }).waitFor();
    await page.getByRole("link", { name: `Online betalen: ${loans.withoutScript.tool}` }).waitFor();
    expect(await page.getByRole("link", { name: `Online betalen: ${loan.tool}` }).count()).toBe(0);
  });

  it("without JavaScript the pay button is a plain form: the browser follows its redirect to Stripe and back", async () => {
    const loan = loans.withoutScript;
    const page = await signedIn({ javaScriptEnabled: false });
    const pageErrors = collectPageErrors(page);
    const sessionId = await payForLoan(page, loan, false);
    expect(pageErrors).toEqual([]);
    expect(await paidAtStripe(sessionId)).toEqual({ status: "paid", amount: 250, methods: ["ideal"] });
    expect(await ledgerOf(loan.loanId)).toEqual([{ purpose: "fee", kind: "payment", method: "online", amount_cents: 250, member_id: resident.id, stripe_fee_cents: 29 }]);
  });

  it("a coordinator finds the Stripe page through the money page, sees payments and payouts are possible, and the page passes axe on a phone", async () => {
    const page = await signedIn({}, coordinatorEmail);
    const pageErrors = collectPageErrors(page);
    await waitForHydration(page);
    await fromMenu(page, "Beheer");
    await page.getByRole("link", { name: "Geld", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Geld" }).waitFor();
    await waitForHydration(page);
    expect(await pageProblems(page, { javaScript: true })).toEqual([]);
    await page.getByRole("link", { name: "Online betalen met Stripe" }).click();
    await page.getByRole("heading", { level: 1, name: "Online betalen met Stripe" }).waitFor();
    expect(await textsOf(page.getByRole("status"))).toEqual(["Online betalen kan, en Stripe betaalt uit op jullie rekening."]);
    await waitForHydration(page);
    expect(await pageProblems(page, { javaScript: true })).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
