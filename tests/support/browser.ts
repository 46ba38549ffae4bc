import { accessSync, constants } from "node:fs";
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

/** A fresh context (own cookies), failing fast enough to stay within vitest's test timeout. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "nl-NL", ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
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
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    if (source && new URL(source).pathname === "/favicon.ico") return;
    errors.push(`console.error: ${message.text()} (${source || "no source"})`);
  });
  return errors;
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
