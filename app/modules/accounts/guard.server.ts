import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Audience, RouteAccess } from "~/access";
import type { TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, OfferingKind, TenantRow } from "~/db/tables";
import { requireTenant } from "~/request-context.server";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionToken, type ValidSession } from "./sessions.server";

export interface TenantViewer extends ValidSession {
  tenant: TenantRow;
  db: TenantDb;
  member: MemberRow;
}

/** Who the route guard let in: set on the context the route's loader or action receives. */
export interface Admitted {
  session: ValidSession | null;
  /** The signed-in person's record in this neighbourhood, when the route needed a member. */
  member: MemberRow | null;
}

type Memo = { session?: Promise<ValidSession | null>; member?: Promise<MemberRow | null>; modules?: Promise<OfferingKind[]> };
// One request's loaders (root and page) share one context object, and the route guard hands each a
// copy of it: a symbol-keyed memo travels with the copies, so the session is looked up once.
const memoKey = Symbol("request memo");
const memoOf = (context: AppLoadContext): Memo => ((context as { [memoKey]?: Memo })[memoKey] ??= {});

/** The signed-in person on this host, or null. A session made on another host never counts. */
export function getSession(request: Request, context: AppLoadContext): Promise<ValidSession | null> {
  const memo = memoOf(context);
  memo.session ??= (async () => {
    const token = await readSessionToken(request);
    if (!token) return null;
    const tenantId = context.site.kind === "tenant" ? context.site.tenant.id : context.site.kind === "platform" ? null : undefined;
    if (tenantId === undefined) return null;
    return validateSessionToken(context.platformDb, token, tenantId);
  })();
  return memo.session;
}

/** The signed-in person's record in this neighbourhood, or null. */
export function getMember(request: Request, context: AppLoadContext): Promise<MemberRow | null> {
  const memo = memoOf(context);
  memo.member ??= (async () => {
    const session = await getSession(request, context);
    if (!session || !context.tenantDb) return null;
    return (await context.tenantDb.selectFrom("members").selectAll().where("account_id", "=", session.account.id).executeTakeFirst()) ?? null;
  })();
  return memo.member;
}

/** The modules this neighbourhood has switched on: the kinds of its offer (profile). */
export function enabledModules(context: AppLoadContext): Promise<OfferingKind[]> {
  const memo = memoOf(context);
  memo.modules ??= (async () => {
    const { db } = requireTenant(context);
    return (await db.selectFrom("offerings").select("kind").execute()).map((row) => row.kind);
  })();
  return memo.modules;
}

function toLogin(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/inloggen?terug=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/**
 * The one access check. It runs before every loader and action (app/server/route-access.server.ts)
 * with what the route declared: the wrong host or a switched-off module is 404, a suspended
 * neighbourhood 503, nobody signed in goes to the login page, the wrong role is 403.
 */
export async function admit(request: Request, context: AppLoadContext, access: RouteAccess, audience: Audience): Promise<Admitted> {
  memoOf(context); // before the guard copies the context, so every copy shares it
  const { site } = context;
  if (access.site === "any") return { session: null, member: null };
  if (access.site === "platform" && site.kind !== "platform") throw new Response(null, { status: 404 });
  if (access.site === "neighbourhood" || (access.site === "both" && site.kind !== "platform")) requireTenant(context);
  if (access.module && !(await enabledModules(context)).includes(access.module)) throw new Response(null, { status: 404 });
  if (audience === "anyone") return { session: null, member: null };
  if (audience === "platformAdmin" && site.kind !== "platform") throw new Response(null, { status: 404 });
  const session = (await getSession(request, context)) ?? toLogin(request);
  if (audience === "signedIn") return { session, member: null };
  if (audience === "platformAdmin") {
    if (!session.account.is_platform_admin || !context.adminDatabase) throw new Response(null, { status: 403 });
    return { session, member: null };
  }
  const member = await getMember(request, context);
  if (!member || !audience.includes(member.role)) throw new Response(null, { status: 403 });
  return { session, member };
}

const undeclared = () => new Error("this route's access declaration does not admit who it expects (see app/access.ts)");

/** The signed-in member a route with roles in its declaration was opened by. */
export function signedInMember(context: AppLoadContext): TenantViewer {
  const admitted = context.admitted;
  if (!admitted?.session || !admitted.member) throw undeclared();
  const { tenant, db } = requireTenant(context);
  return { ...admitted.session, member: admitted.member, tenant, db };
}

/** The signed-in person of a route declared for "signedIn" (or stricter). */
export function signedInAccount(context: AppLoadContext): ValidSession {
  const session = context.admitted?.session;
  if (!session) throw undeclared();
  return session;
}

/** The platform admin of a route declared for "platformAdmin", with the whole database. */
export function platformAdmin(context: AppLoadContext): ValidSession & { database: Database } {
  const session = context.admitted?.session;
  if (!session?.account.is_platform_admin || !context.adminDatabase) throw undeclared();
  return { ...session, database: context.adminDatabase };
}
