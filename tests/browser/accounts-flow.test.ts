import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { createAccount } from "~/modules/accounts/accounts.server";
import { collectPageErrors, describeInBrowser, launchBrowser, newContext, textsOf, waitForHydration } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "een lange zin om te onthouden";
const neighbourhoodName = "Buurtwerkplaats De Vlasakker";
const coordinatorName = "Coördinator Cor";
const deskResident = "Henk de Vries";

const messages = {
  privacy: "Je kunt je alleen aanmelden als je akkoord gaat met de privacyverklaring.",
  passwordTooShort: "Kies een wachtwoord van minstens 8 tekens. Een korte zin is makkelijk te onthouden.",
};

/**
 * The error messages that belong to a form field: the elements its aria-describedby points at that
 * are errors (`…-fout`), which is how a screen reader hears them. Works without page JavaScript.
 */
async function errorsOf(field: Locator): Promise<string[]> {
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  return field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter((id) => id.endsWith("-fout"))
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(no element #${id})`),
  );
}

describeInBrowser("accounts in Chromium: onboarding, invitation, desk registration and sign-up", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const adminEmail = `${uniqueSlug("admin")}@example.org`;
  const slug = uniqueSlug("vlas");
  const coordinatorEmail = `${uniqueSlug("coord")}@example.org`;
  /** The link from the invitation email; set by the first test. */
  let invitationLink: string | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
    await createAccount(platformDb(database), { email: adminEmail, password, isPlatformAdmin: true });
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  /** A page in a fresh context: its own cookies, as a different person on a different device. */
  async function freshPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser!, options);
    contexts.push(context);
    return context.newPage();
  }

  it("the platform admin onboards a neighbourhood, and the invitation for its coordinator is in the mailbox", async () => {
    const page = await freshPage();
    const pageErrors = collectPageErrors(page);

    await page.goto(server!.url(null, "/inloggen"));
    await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
    await waitForHydration(page);
    await page.getByLabel("E-mailadres").fill(adminEmail);
    await page.getByLabel("Wachtwoord").fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(server!.url(null, "/admin"));
    await page.getByRole("heading", { level: 1, name: "Wijkplaats beheer" }).waitFor();

    await page.getByRole("link", { name: "Nieuwe wijk aanmelden" }).click();
    await page.waitForURL(server!.url(null, "/admin/nieuw"));
    await page.getByRole("heading", { level: 1, name: "Nieuwe wijk aanmelden" }).waitFor();
    await page.getByLabel("Naam van de wijkwerkplaats").fill(neighbourhoodName);
    await page.getByLabel("Webadres").fill(slug);
    await page.getByLabel("Gemeente").fill("Steenwijkerland");
    await page.getByLabel("E-mailadres van de eerste coördinator").fill(coordinatorEmail);
    await page.getByLabel("Gereedschap lenen").check();
    await page.getByRole("button", { name: "Wijk aanmaken" }).click();

    await page.waitForURL(server!.url(null, `/admin/nieuw?klaar=${slug}`));
    await page.getByRole("heading", { level: 1, name: "De wijk is aangemaakt" }).waitFor();
    await page.getByRole("link", { name: "Naar het overzicht" }).click();
    await page.waitForURL(server!.url(null, "/admin"));
    const row = page.getByRole("row").filter({ hasText: slug });
    const cells = await textsOf(row.getByRole("cell"));
    expect(cells[0]).toBe(`${neighbourhoodName}${slug}`);
    expect(cells.slice(1, 4)).toEqual(["Open", "0", "—"]);
    expect(await row.getByRole("button", { name: `Tijdelijk sluiten: ${neighbourhoodName}` }).count()).toBe(1);

    await page.goto(server!.url(null, "/dev/mailbox"));
    await page.getByRole("heading", { level: 1, name: "Mailbox (development)" }).waitFor();
    const mail = page.getByRole("article").filter({ hasText: `To ${coordinatorEmail},` });
    expect(await mail.count()).toBe(1);
    expect(await mail.getByRole("heading", { level: 2 }).textContent()).toBe(`Uitnodiging voor ${neighbourhoodName}`);
    const body = (await mail.locator("pre").textContent()) ?? "";
    expect(body).toContain("als coördinator");
    const links = body.match(/http:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(new RegExp(`^http://${slug}\\.localhost:${server!.port}/uitnodiging/[a-z0-9]+$`));
    invitationLink = links[0];
    expect(pageErrors).toEqual([]);
  });

  it("the invited coordinator accepts, sees themselves under Beheer, registers a resident at the desk and reads the log", async () => {
    expect(invitationLink, "the first test found the invitation link").toBeDefined();
    const page = await freshPage();
    const pageErrors = collectPageErrors(page);

    await page.goto(invitationLink!);
    await page.getByRole("heading", { level: 1, name: `Doe mee met ${neighbourhoodName}` }).waitFor();
    expect(await page.getByText(`Deze uitnodiging is voor ${coordinatorEmail}. Je rol wordt: coördinator.`).count()).toBe(1);
    await waitForHydration(page);
    await page.getByLabel("Je naam").fill(coordinatorName);
    await page.getByLabel("Wachtwoord").fill(password);
    await page.getByRole("button", { name: "Uitnodiging aannemen" }).click();

    // Logged in, a coordinator starts at the management: the header offers the account, not the login.
    await page.waitForURL(server!.url(slug, "/beheer"));
    await page.getByRole("heading", { level: 1, name: `Beheer van ${neighbourhoodName}` }).waitFor();
    const header = page.getByRole("banner");
    await header.getByRole("link", { name: "Mijn account" }).waitFor();
    expect(await header.getByRole("link", { name: "Inloggen" }).count()).toBe(0);

    await page.goto(server!.url(slug, "/beheer"));
    await page.getByRole("heading", { level: 1, name: `Beheer van ${neighbourhoodName}` }).waitFor();
    const people = page.getByRole("table", { name: "Mensen" });
    expect(await textsOf(people.getByRole("row").filter({ hasText: coordinatorName }).getByRole("cell").first())).toEqual([coordinatorName]);
    expect(await page.getByLabel(`Rol van ${coordinatorName}`, { exact: true }).inputValue()).toBe("coordinator");
    await waitForHydration(page);

    const desk = page.getByRole("form", { name: "Bewoner inschrijven aan de balie" });
    await desk.getByLabel("Naam", { exact: true }).fill(deskResident);
    await desk.getByLabel("Telefoon (mag leeg)").fill("0521 123 456");
    await desk.getByRole("button", { name: "Inschrijven" }).click();
    await page.getByRole("status").filter({ hasText: `${deskResident} is ingeschreven.` }).waitFor();
    const residentRow = people.getByRole("row").filter({ hasText: deskResident });
    expect(await textsOf(residentRow.getByRole("cell").first().locator(".muted"))).toEqual(["Zonder account (wordt door de balie geholpen)"]);
    expect(await page.getByLabel(`Rol van ${deskResident}`, { exact: true }).inputValue()).toBe("resident");

    await page.getByRole("link", { name: "Logboek" }).click();
    await page.waitForURL(server!.url(slug, "/beheer/logboek"));
    await page.getByRole("heading", { level: 1, name: "Logboek" }).waitFor();
    const entries = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") });
    const whoAndWhat = async (what: string) => (await textsOf(entries.filter({ hasText: what }).getByRole("cell"))).slice(1);
    expect(await whoAndWhat(`${deskResident} ingeschreven aan de balie`)).toEqual([coordinatorName, `${deskResident} ingeschreven aan de balie`]);
    expect(await whoAndWhat(`${coordinatorName} doet mee via een uitnodiging`)).toEqual([coordinatorName, `${coordinatorName} doet mee via een uitnodiging`]);

    // The coordinator edits the public profile; a closing time before the opening time is explained
    // next to the field first, and what was typed stays.
    await page.goto(server!.url(slug, "/beheer"));
    await page.getByRole("link", { name: "Profiel van de wijk" }).click();
    await page.getByRole("heading", { level: 1, name: "Profiel van de wijk" }).waitFor();
    const description = "Elke dinsdag maken we samen fietsen.";
    await page.getByLabel("Beschrijving").fill(description);
    const tuesday = page.getByRole("group", { name: "dinsdag" });
    await tuesday.getByLabel("Open vanaf").fill("13:00");
    await tuesday.getByLabel("Open tot").fill("09:00");
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.getByText("De sluitingstijd moet later zijn dan de openingstijd.").waitFor();
    expect(await page.getByLabel("Beschrijving").inputValue()).toBe(description);
    await tuesday.getByLabel("Open tot").fill("17:00");
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Het profiel is opgeslagen." }).waitFor();
    await page.goto(server!.url(slug));
    await page.getByText(description).waitFor();
    expect(await page.getByText("13:00 tot 17:00 uur").count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  /**
   * A resident signs up, first with two mistakes. With JavaScript the answers come through Remix's
   * fetch (the page is never reloaded); without, through plain form posts and full pages.
   */
  async function signUpWithMistakes(page: Page, javaScript: boolean): Promise<void> {
    const name = javaScript ? "Fatima El Amrani" : "Joop Zonder Script";
    const email = `${uniqueSlug(javaScript ? "fatima" : "joop")}@example.org`;

    const response = await page.goto(server!.url(slug, "/aanmelden"));
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: `Aanmelden bij ${neighbourhoodName}` }).waitFor();
    if (javaScript) {
      await waitForHydration(page);
      // Survives only if the page is never reloaded.
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    } else {
      // Really no JavaScript: Remix's inline script never ran.
      expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe("undefined");
    }

    const nameField = page.getByLabel("Je naam");
    const emailField = page.getByLabel("E-mailadres");
    const passwordField = page.getByLabel("Wachtwoord");
    const privacy = page.getByRole("checkbox", { name: /Ik heb de privacyverklaring gelezen en ik ga akkoord/ });
    const submit = async (expectedStatus: number) => {
      const post = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/aanmelden");
      await page.getByRole("button", { name: "Aanmelden" }).click();
      const answer = await post;
      if (!javaScript) expect(answer.status()).toBe(expectedStatus);
    };

    // No tick for the privacy statement, and a password that is too short.
    await nameField.fill(name);
    await emailField.fill(email);
    await passwordField.fill("kort");
    expect(await privacy.isChecked()).toBe(false);
    await submit(200);
    await page.getByText(messages.privacy).waitFor();
    expect(await errorsOf(privacy)).toEqual([messages.privacy]);
    expect(await errorsOf(passwordField)).toEqual([messages.passwordTooShort]);
    expect(await nameField.inputValue()).toBe(name);
    expect(await emailField.inputValue()).toBe(email);
    // The server never sends a password back.
    if (!javaScript) expect(await passwordField.inputValue()).toBe("");

    // Ticked now, but the password is still too short.
    await passwordField.fill("kort");
    await privacy.check();
    await submit(200);
    await page.getByText(messages.passwordTooShort).waitFor();
    expect(await errorsOf(passwordField)).toEqual([messages.passwordTooShort]);
    expect(await page.getByText(messages.privacy).count()).toBe(0);
    // The tick is kept too, also when the page came back from the server without JavaScript.
    expect(await privacy.isChecked()).toBe(true);
    expect(await nameField.inputValue()).toBe(name);
    expect(await emailField.inputValue()).toBe(email);

    await passwordField.fill(password);
    await privacy.check();
    await submit(303);
    await page.waitForURL(server!.url(slug, "/account"));
    await page.getByRole("heading", { level: 1, name: "Mijn account" }).waitFor();
    expect(await page.getByText(`Ingelogd als ${email}`, { exact: true }).count()).toBe(1);
    expect(await page.getByLabel("Je naam").inputValue()).toBe(name);

    if (javaScript) expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  }

  it("a resident signs up: the Dutch errors appear next to their fields, what was typed stays, then /account", async () => {
    const page = await freshPage();
    const pageErrors = collectPageErrors(page);
    await signUpWithMistakes(page, true);
    expect(pageErrors).toEqual([]);
  });

  it("the same sign-up works with JavaScript off, through plain form posts", async () => {
    const page = await freshPage({ javaScriptEnabled: false });
    await signUpWithMistakes(page, false);
  });
});
