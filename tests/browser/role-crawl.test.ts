import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import type { Role } from "~/db/tables";
import { DEMO_PASSWORD, DEMO_SLUG, demoLogins } from "~/modules/demo/demo-logins.server";
import { prepareDemo } from "~/modules/demo/demo-neighbourhoods.server";
import { createFileStorage } from "~/modules/storage/storage.server";
import { describeInBrowser, launchBrowser, newContext, pageProblems } from "../support/browser";
import { openTestDatabase } from "../support/database";
import { admits, loadBuild, routesOf, type AppRoute } from "../support/routes";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Every person reaches every page of their role by clicking: from the home page, through the links
 * they can see (the header, the desk and manage overviews, lists), never by typing an address. Each
 * page on the way is also checked on a 360 px phone: axe finds nothing, nothing scrolls sideways,
 * and the console stays clean (tests/support/browser-setup.ts).
 */

/** Pages no link leads to, on purpose: each is opened from an email, or answers only errors. */
const reachedFromAnEmail = new Set(["routes/uitnodiging.$token", "routes/wachtwoord-herstellen.$token", "routes/email-bevestigen.$token"]);
const notAPlace = new Set(["routes/$"]);
/**
 * A person's own repairs and home jobs: in the demo only the resident has them (staff see the same
 * records through the desk's and the management's own pages, which the crawl does require).
 */
const ownRecords = new Set(["routes/reparaties.$repairId", "routes/klussen.$jobId"]);
/**
 * Pages that exist only when the platform takes payments online (Stripe settings); the demo runs on
 * the embedded default without them. tests/browser/online-payment-flow.test.ts reaches them by
 * clicking and checks them the same way (axe, 360 px, a clean console).
 */
const onlinePaymentsOnly = new Set(["routes/betalen.$recordType.$recordId", "routes/betalen.bon.$sessionId", "routes/beheer.geld.stripe"]);
/** Pages for visitors that send a signed-in person on (to the account page). */
const forVisitorsOnly = new Set(["routes/inloggen", "routes/aanmelden", "routes/wachtwoord-vergeten"]);

/** Links a crawl does not follow: they change something, or are files rather than pages. */
const notAPage = (pathname: string) => /^\/(uitloggen|taal|logo|thema\.css)$|\/foto\/|\.(svg|csv|ics|png|jpe?g|webp)$/.test(pathname);

type Visitor = Role | "visitor" | "platformAdmin";

function pagesOf(routes: AppRoute[], who: Visitor, site: "neighbourhood" | "platform"): string[] {
  return routes
    .filter((route) => route.isPage && route.id !== "root" && !reachedFromAnEmail.has(route.id) && !notAPlace.has(route.id) && !onlinePaymentsOnly.has(route.id))
    .filter((route) => route.access.site === site || route.access.site === "both")
    .filter((route) => (who === "visitor" ? true : !forVisitorsOnly.has(route.id)))
    .filter((route) => (who === "volunteer" || who === "coordinator" ? !ownRecords.has(route.id) : true))
    .filter((route) => {
      const view = route.access.view;
      if (view === "anyone") return true;
      if (view === "signedIn") return who !== "visitor";
      if (view === "platformAdmin") return who === "platformAdmin";
      return who !== "visitor" && who !== "platformAdmin" && admits(view, who);
    })
    .map((route) => route.id)
    .sort();
}

/** The route that rendered the page: the last of the matched routes whose data Remix sent along. */
const routeIdOf = (page: Page) =>
  page.evaluate(() => {
    const context = (window as unknown as { __remixContext?: { state: { loaderData: Record<string, unknown> } } }).__remixContext;
    return Object.keys(context?.state.loaderData ?? {}).at(-1) ?? null;
  });

/** Two addresses per kind of page are enough (one tool page stands for all tools). */
const kindOf = (pathname: string) => pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, ":id").replace(/\/\d+(?=\/|$)/g, "/:n");

/**
 * Follows every visible link on the same host, breadth first, from the page the browser is on: it
 * opens the address a visible link points to, as clicking it would; no address is made up.
 */
async function crawl(page: Page): Promise<{ reached: Set<string>; problems: string[] }> {
  const origin = new URL(page.url()).origin;
  const queue = [new URL(page.url()).pathname];
  const seen = new Set(queue);
  const perKind = new Map<string, number>();
  const reached = new Set<string>();
  const problems: string[] = [];
  while (queue.length > 0 && seen.size < 250) {
    const pathname = queue.shift()!;
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(origin + pathname);
    if (!response || response.status() >= 400) problems.push(`${pathname}: HTTP ${response?.status()}`);
    const routeId = await routeIdOf(page);
    if (routeId) reached.add(routeId);
    // A link with `download` saves a file (the data export) rather than opening a page.
    const links = await page.locator("a[href]:not([download])").evaluateAll((anchors) =>
      anchors.filter((a) => (a as HTMLElement).checkVisibility()).map((a) => (a as HTMLAnchorElement).href),
    );
    await page.setViewportSize({ width: 360, height: 740 });
    problems.push(...(await pageProblems(page)));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin || seen.has(url.pathname) || notAPage(url.pathname)) continue;
      const kind = kindOf(url.pathname);
      if ((perKind.get(kind) ?? 0) >= 2) continue;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      seen.add(url.pathname);
      queue.push(url.pathname);
    }
  }
  return { reached, problems };
}

describeInBrowser("every page of every role through visible navigation, on a phone", () => {
  let database: Database | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let routes: AppRoute[];

  beforeAll(async () => {
    database = await openTestDatabase();
    const storage = createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "wijkplaats-crawl-")) });
    const { demo } = await prepareDemo(database, storage, { seedDemo: true, publicUrl: "http://localhost:3000/" });
    server = await startTestServer(database, { demo, storage });
    browser = await launchBrowser();
    routes = routesOf(await loadBuild());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  /** Opens the home page, and logs in by clicking "Inloggen" there, as a person would. */
  async function startAsVisitor(who: Visitor): Promise<Page> {
    const context = await newContext(browser!);
    const page = await context.newPage();
    const slug = who === "platformAdmin" ? null : DEMO_SLUG;
    await page.goto(server!.url(slug, "/"));
    if (who === "visitor") return page;
    const login = demoLogins.find((person) => person.role === (who === "platformAdmin" ? "platform_admin" : who))!;
    await page.getByRole("link", { name: "Inloggen" }).first().click();
    await page.getByLabel("E-mailadres").fill(login.email);
    await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((url) => url.pathname !== "/inloggen");
    await page.goto(server!.url(slug, "/"));
    return page;
  }

  for (const who of ["visitor", "resident", "volunteer", "coordinator", "platformAdmin"] as const) {
    it(`${who}: every page of the role is reached by clicking, and each passes axe at 360 px without sideways scrolling`, async () => {
      const page = await startAsVisitor(who);
      const { reached, problems } = await crawl(page);
      const expected = pagesOf(routes, who, who === "platformAdmin" ? "platform" : "neighbourhood");
      expect(expected.length).toBeGreaterThan(who === "coordinator" ? 30 : 3);
      expect(expected.filter((id) => !reached.has(id)), "pages not reached through visible links").toEqual([]);
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
