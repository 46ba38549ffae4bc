import type { AppLoadContext } from "@remix-run/node";
import { recordAudit } from "~/modules/audit/audit.server";
import { authenticate } from "./accounts.server";
import { allowAttempt, limits, resetAttempts } from "./rate-limit.server";
import { setSessionCookie } from "./session-cookie.server";
import { createSession } from "./sessions.server";

export type LoginResult = { ok: true; cookie: string } | { ok: false; error: "login_failed" | "too_many_attempts" };

/**
 * Checks the password and opens a new session on this host: a neighbourhood's host for its members,
 * the platform's domain for platform admins. A new session every time, never a reused one.
 */
export async function logIn(request: Request, context: AppLoadContext, email: string, password: string): Promise<LoginResult> {
  const allowed = await allowAttempt(context.platformDb, [
    { limit: limits.loginPerIp, subject: context.clientIp },
    { limit: limits.loginPerAccount, subject: email },
  ]);
  if (!allowed) return { ok: false, error: "too_many_attempts" };
  const account = await authenticate(context.platformDb, email, password);
  if (!account) return { ok: false, error: "login_failed" };
  await resetAttempts(context.platformDb, limits.loginPerAccount, email);
  // Not a member here, or not an admin on the platform's domain: the same answer as a wrong
  // password, so no login form confirms that a password is right.
  if (context.site.kind === "tenant" && context.tenantDb) {
    const member = await context.tenantDb.selectFrom("members").select("id").where("account_id", "=", account.id).executeTakeFirst();
    if (!member) return { ok: false, error: "login_failed" };
    await recordAudit(context.tenantDb, { actor: member.id, action: "login" });
  } else if (context.site.kind !== "platform" || !account.is_platform_admin) {
    return { ok: false, error: "login_failed" };
  }
  return { ok: true, cookie: await startSession(request, context, account.id) };
}

/** A new session on this host for an account whose identity was just proven; returns the cookie. */
export async function startSession(request: Request, context: AppLoadContext, accountId: string): Promise<string> {
  const tenantId = context.site.kind === "tenant" ? context.site.tenant.id : null;
  const { token } = await createSession(context.platformDb, accountId, tenantId, request.headers.get("User-Agent"));
  return setSessionCookie(request, token);
}
