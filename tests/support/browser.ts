import { accessSync, constants, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { describe, it } from "vitest";

/**
 * Browser tests drive the system's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through
 * playwright-core. Nothing is ever downloaded.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const chromiumAvailable = isExecutable(chromiumPath);

const inCI = Boolean(process.env.CI) && !["0", "false"].includes(process.env.CI!.toLowerCase());

const missingMessage =
  `No Chromium at ${chromiumPath}. Install it (apt-get install chromium) or point CHROMIUM_PATH at a ` +
  `Chromium binary; playwright-core never downloads one.`;

/**
 * `describe` for tests that need a browser. Without Chromium the block is skipped with a warning on a
 * developer's machine, but fails in CI (CI is set) so that a broken image cannot pass silently.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(name, body);
  } else if (inCI) {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(missingMessage);
      });
    });
  } else {
    console.warn(`\n⚠ Skipping browser tests "${name}": ${missingMessage}\n`);
    describe.skip(name, body);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // We run as root (no sandbox), and the closed network refuses Chromium's own background calls.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Console and uncaught errors of every page opened in a context from `newContext`, since the last
 * `takePageErrors()`. tests/support/browser-setup.ts fails every test that leaves one behind, so a
 * hydration error or a failed script on any page a browser test visits is a failing test.
 */
const unclaimedPageErrors: string[] = [];

export function takePageErrors(): string[] {
  return unclaimedPageErrors.splice(0);
}

/** A fresh context (own cookies), failing fast enough to stay within vitest's test timeout. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "nl-NL", ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  context.on("page", (page) => watchForErrors(page, unclaimedPageErrors));
  return context;
}

/** Waits until the locator matches at least one visible element, then returns its text contents. */
export async function textsOf(locator: Locator): Promise<string[]> {
  await locator.first().waitFor();
  return (await locator.allTextContents()).map((text) => text.trim());
}

/** The `lang` of the document's root element, read without relying on page JavaScript. */
export function documentLanguage(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

/** Waits until React has hydrated the server-rendered page (its nodes carry React's fiber keys). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const h1 = document.querySelector("h1");
    return h1 !== null && Object.keys(h1).some((key) => key.startsWith("__reactFiber$"));
  });
}

/**
 * Uncaught errors and console errors of a page, e.g. a failed hydration; a test expects none. The 404
 * of the /favicon.ico that Chromium asks for on its own is left out: the app has no favicon (yet).
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  watchForErrors(page, errors);
  return errors;
}

function watchForErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    if (source && new URL(source).pathname === "/favicon.ico") return;
    // The status of the page itself (a 404 or 403 page a test opens on purpose) is asserted by the
    // test; Chromium also logs it as a failed load of the document.
    if (source === page.url() && message.text().startsWith("Failed to load resource")) return;
    errors.push(`console.error: ${message.text()} (${source || "no source"})`);
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * What is wrong with the page as it is now: WCAG 2.2 AA problems axe finds (axe runs through the
 * debugger, not as a page script, so the app's CSP stays as strict as in production) and a page
 * wider than the window (sideways scrolling on a phone).
 */
export async function pageProblems(page: Page, options: { javaScript: boolean } = { javaScript: true }): Promise<string[]> {
  const problems = options.javaScript ? await accessibilityProblems(page) : [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) problems.push(`${scrollWidth} px wide in a window of ${innerWidth} px: it scrolls sideways`);
  return problems.map((problem) => `${new URL(page.url()).pathname}: ${problem}`);
}

/** axe waits on the page's own timers, which never fire with JavaScript off: then pass `javaScript: false`. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }),
  );
  return result.violations.map((violation) => `axe ${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`);
}

/** Logs in through the real login form on a neighbourhood's host, and waits for its home page. */
export async function logInThroughForm(page: Page, neighbourhoodUrl: (path: string) => string, email: string, password: string): Promise<Page> {
  await page.goto(neighbourhoodUrl("/inloggen"));
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(neighbourhoodUrl("/"));
  return page;
}
