import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, Role } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { requestJob } from "~/modules/home-jobs/jobs.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createFileStorage } from "~/modules/storage/storage.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectPageErrors, describeInBrowser, launchBrowser, newContext, logInThroughForm } from "../support/browser";
import { openTestDatabase, uniqueSlug } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

const password = "een helpende hand";
type Who = "resident" | "coordinator" | "volunteer";

describeInBrowser("home jobs in Chromium: a coordinator assesses and plans a job, a volunteer writes down hours", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const slug = uniqueSlug("klus");
  const emails: Record<Who, string> = {
    resident: `${uniqueSlug("bewoner")}@example.org`,
    coordinator: `${uniqueSlug("coordinator")}@example.org`,
    volunteer: `${uniqueSlug("vrijwilliger")}@example.org`,
  };
  const names: Record<Who, string> = { resident: "Mevrouw Jansen", coordinator: "Ria Coördinator", volunteer: "Ahmed Vrijwilliger" };
  const members = {} as Record<Who, MemberRow>;
  let jobId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    const tenant = await createTenant(database, { slug, name: "Leidschendam-Noord" }, seedNeighbourhood({ city: "Leidschendam" }));
    const db = tenantDb(database, tenant.id);
    for (const [role, email] of Object.entries(emails) as [Who, string][]) {
      const account = await createAccount(platformDb(database), { email, password });
      members[role] = await addMember(db, {
        accountId: account.id,
        name: names[role],
        role: role as Role,
        ...(role === "resident" ? { address: "Prinsenhof 7, Leidschendam", phone: "070 123 4567" } : {}),
      });
    }
    const storage = createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "klus-browser-")) });
    const made = await requestJob(db, storage, tenant.id, {
      description: "Het licht in de gang doet het niet meer.",
      address: null,
      urgency: "normal",
      memberId: null,
      partnerId: null,
      actor: members.resident,
      photos: [],
    });
    if (!made.ok) throw new Error(made.error);
    jobId = made.jobId;
    server = await startTestServer(database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function signedIn(who: Who, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser!, options);
    contexts.push(context);
    return logInThroughForm(await context.newPage(), (path) => server!.url(slug, path), emails[who], password);
  }

  it("the coordinator assesses the request with the policy beside it, and sends the costs", async () => {
    const page = await signedIn("coordinator");
    const errors = collectPageErrors(page);
    await page.goto(server!.url(slug, "/beheer/klussen"));
    await page.getByRole("heading", { level: 1, name: "Klussen" }).waitFor();
    await page.getByRole("link", { name: "Het licht in de gang doet het niet meer." }).click();
    await page.getByRole("heading", { level: 1, name: "Klus van Mevrouw Jansen" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Het beleid van de wijk" }).waitFor();
    expect(await page.getByText("Prinsenhof 7, Leidschendam").count()).toBe(1);

    // First without a reason: the message appears next to the field.
    await page.getByRole("group", { name: "Kan de bewoner het zelf doen" }).getByLabel("Nee").check();
    await page.getByRole("group", { name: "Kan de bewoner een bedrijf betalen?" }).getByLabel("Nee").check();
    await page.getByRole("group", { name: "Past het bij een helpende hand" }).getByLabel("Ja").check();
    await page.getByRole("group", { name: "Besluit" }).getByLabel("We helpen", { exact: true }).check();
    await page.getByRole("button", { name: "Besluit opslaan" }).click();
    const reason = page.getByLabel("Reden");
    await page.getByText("Schrijf de reden op.").waitFor();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("group", { name: "Kan de bewoner het zelf doen" }).getByLabel("Nee").check();
    await page.getByRole("group", { name: "Kan de bewoner een bedrijf betalen?" }).getByLabel("Nee").check();
    await page.getByRole("group", { name: "Past het bij een helpende hand" }).getByLabel("Ja").check();
    await page.getByRole("group", { name: "Besluit" }).getByLabel("We helpen", { exact: true }).check();
    await reason.fill("Mevrouw kan niet meer op een trap staan en heeft weinig geld.");
    await page.getByRole("button", { name: "Besluit opslaan" }).click();
    await page.getByRole("heading", { level: 2, name: "Kosten vooraf" }).waitFor();

    await page.getByLabel("Materialen, in euro").fill("4,95");
    await page.getByLabel("Welke materialen").fill("Een nieuwe lamp");
    await page.getByRole("button", { name: "Kosten naar de bewoner sturen" }).click();
    await page.getByText("We wachten tot de bewoner akkoord gaat met de kosten.").waitFor();
    expect(errors).toEqual([]);
  });

  it("the resident accepts the costs, without JavaScript", async () => {
    const page = await signedIn("resident", { javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    await page.goto(server!.url(slug, "/klussen"));
    await page.getByRole("link", { name: "Het licht in de gang doet het niet meer." }).click();
    await page.getByText("Kosten staan klaar").waitFor();
    await page.getByRole("button", { name: "Ja, ik ga akkoord met de kosten" }).click();
    await page.getByRole("status").filter({ hasText: "Je bent akkoord gegaan." }).waitFor();
  });

  it("the coordinator picks the volunteer and a day", async () => {
    const page = await signedIn("coordinator");
    await page.goto(server!.url(slug, `/beheer/klussen/${jobId}`));
    await page.getByRole("heading", { level: 2, name: "Team en datum" }).waitFor();
    await page.getByRole("group", { name: "Wie gaan er?" }).getByLabel(names.volunteer).check();
    await page.getByLabel("Op welke dag?").fill(addDays(localToday(), 2));
    await page.getByLabel("Notities voor het team").fill("Bel twee keer aan.");
    await page.getByRole("button", { name: "Inplannen" }).click();
    await page.getByRole("heading", { level: 2, name: "Klus klaar" }).waitFor();
    expect(await page.getByLabel(`Uren van ${names.volunteer}`).count()).toBe(1);
  });

  it("the volunteer sees the address and phone and writes down 1,5 hours, without JavaScript", async () => {
    const page = await signedIn("volunteer", { javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    await page.goto(server!.url(slug, `/werk/klussen/${jobId}`));
    await page.getByRole("heading", { level: 1, name: /Mevrouw Jansen/ }).waitFor();
    expect(await page.getByText("Prinsenhof 7, Leidschendam").count()).toBe(1);
    expect(await page.getByRole("link", { name: "070 123 4567" }).count()).toBe(1);
    expect(await page.getByText("Bel twee keer aan.").count()).toBe(1);
    await page.getByLabel("Hoeveel uur heb je gewerkt?").fill("anderhalf");
    await page.getByRole("button", { name: "Uren opslaan" }).click();
    await page.getByText("Vul een aantal uren in, zoals 1,5.").waitFor();
    await page.getByLabel("Hoeveel uur heb je gewerkt?").fill("1,5");
    await page.getByRole("button", { name: "Uren opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "Je uren zijn opgeslagen." }).waitFor();
    expect(await page.getByLabel("Hoeveel uur heb je gewerkt?").inputValue()).toBe("1,5");

    const coordinator = await signedIn("coordinator");
    await coordinator.goto(server!.url(slug, `/beheer/klussen/${jobId}`));
    expect(await coordinator.getByLabel(`Uren van ${names.volunteer}`).inputValue()).toBe("1,5");
  });
});
