import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, Role, TenantRow } from "~/db/tables";
import { requireTenant } from "~/request-context.server";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionToken, type ValidSession } from "./sessions.server";

export interface TenantViewer extends ValidSession {
  tenant: TenantRow;
  db: TenantDb;
  member: MemberRow;
}

/** The signed-in person on this host, or null. A session made on another host never counts. */
export async function getSession(request: Request, context: AppLoadContext): Promise<ValidSession | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const tenantId = context.site.kind === "tenant" ? context.site.tenant.id : context.site.kind === "platform" ? null : undefined;
  if (tenantId === undefined) return null;
  return validateSessionToken(context.platformDb, token, tenantId);
}

function toLogin(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/inloggen?terug=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** Any signed-in person on this host, whatever their role (their own account page). */
export async function requireSignedIn(request: Request, context: AppLoadContext): Promise<ValidSession> {
  return (await getSession(request, context)) ?? toLogin(request);
}

/**
 * The one role check. Every neighbourhood route that needs a signed-in person calls this with the
 * roles allowed; it answers with a redirect to the login page, or 403 for the wrong role.
 */
export async function requireRole(request: Request, context: AppLoadContext, ...roles: Role[]): Promise<TenantViewer> {
  const { tenant, db } = requireTenant(context);
  const valid = await getSession(request, context);
  if (!valid) toLogin(request);
  const member = await db.selectFrom("members").selectAll().where("account_id", "=", valid.account.id).executeTakeFirst();
  if (!member || !roles.includes(member.role)) throw new Response(null, { status: 403 });
  return { ...valid, tenant, db, member };
}

/** The platform admin pages, only on the platform's own domain. */
export async function requirePlatformAdmin(request: Request, context: AppLoadContext): Promise<ValidSession & { database: Database }> {
  if (context.site.kind !== "platform" || !context.adminDatabase) throw new Response(null, { status: 404 });
  const valid = await getSession(request, context);
  if (!valid) toLogin(request);
  if (!valid.account.is_platform_admin) throw new Response(null, { status: 403 });
  return { ...valid, database: context.adminDatabase };
}
