import { createHash } from "node:crypto";
import { redirect } from "@remix-run/node";
import { sql } from "kysely";
import type { PlatformDb } from "~/db/accessors.server";
import { FORM_TOKEN_FIELD, formDidNotArrive } from "~/forms";

const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 100;
const KEEP_HOURS = 24;

const isRedirect = (value: unknown): value is Response => value instanceof Response && value.status >= 300 && value.status < 400;

/** The page a form was on, to show again: the post's own address without Remix's `index` and `_data`. */
function pageOf(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  return url.pathname + url.search;
}

/**
 * One key per submission: the site, the form's one-time token and everything it sent. The same
 * form sent twice (a double click, the browser's "send again") has the same key; another form on
 * the same page, sent before the page got a new token, does not.
 */
async function submissionKey(request: Request, site: string): Promise<Buffer | null> {
  const form = await request
    .clone()
    .formData()
    .catch(() => {
      throw formDidNotArrive(400);
    });
  const token = form.get(FORM_TOKEN_FIELD);
  if (typeof token !== "string" || !/^[0-9a-f-]{36}$/.test(token)) return null;
  const hash = createHash("sha256").update(`${site}\n${token}\n`);
  for (const [name, value] of form.entries()) {
    if (name === FORM_TOKEN_FIELD) continue;
    hash.update(`${name}=${typeof value === "string" ? value : `file:${value.name}:${value.size}`}\n`);
  }
  return hash.digest();
}

/**
 * Runs a form's action once per submission. A form sent again with the same token and fields waits
 * for the first (a double click sends both at once) and is then sent where the first went, or back
 * to its page, which shows what the first one did. A post without a token (not from a PostForm)
 * just runs. If the first fails with an error, the form may be sent again.
 */
export async function oncePerSubmission<T>(db: PlatformDb, request: Request, site: string, run: () => Promise<T>): Promise<T> {
  const key = await submissionKey(request, site);
  if (!key) return run();
  const claimed = await db.insertInto("form_submissions").values({ key, finished_at: null, location: null }).onConflict((oc) => oc.doNothing()).returning("key").executeTakeFirst();
  if (!claimed) throw await answerForRepeat(db, key, request);
  const finish = (location: string | null) => db.updateTable("form_submissions").set({ finished_at: new Date(), location }).where("key", "=", key).execute();
  try {
    const result = await run();
    await finish(isRedirect(result) ? result.headers.get("Location") : null);
    return result;
  } catch (error) {
    if (error instanceof Response) await finish(isRedirect(error) ? error.headers.get("Location") : null);
    else await db.deleteFrom("form_submissions").where("key", "=", key).execute();
    throw error;
  }
}

async function answerForRepeat(db: PlatformDb, key: Buffer, request: Request): Promise<Response> {
  // The first may still be running: it runs outside any transaction this one could wait on (the
  // embedded database has a single connection), so look again until it has finished.
  for (let waited = 0; waited <= WAIT_FOR_FIRST_MS; waited += POLL_MS) {
    const first = await db.selectFrom("form_submissions").select(["finished_at", "location"]).where("key", "=", key).executeTakeFirst();
    if (!first) break; // the first failed and let go: nothing was done, so the page can be sent again
    if (first.finished_at) return redirect(first.location ?? pageOf(request), 303);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return redirect(pageOf(request), 303);
}

/** Forgets submissions older than a day (a daily job): by then nobody re-sends that form. */
export async function forgetOldSubmissions(db: PlatformDb): Promise<number> {
  const result = await db.deleteFrom("form_submissions").where("created_at", "<", sql<Date>`now() - make_interval(hours => ${KEEP_HOURS})`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
