import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { uniqueSlug } from "./database";
import { postForm, sessionCookieOf, type TestServer } from "./server";

export const testPassword = "een lang wachtwoord voor de buurt";

export interface SignedIn {
  email: string;
  /** "name=value" for the Cookie header of the next request. */
  cookie: string;
  member: MemberRow;
}

/** A new person with an account and this role in the neighbourhood (with `details` on file), logged in through /inloggen. */
export async function signedInAs(
  database: Database,
  server: TestServer,
  tenant: TenantRow,
  role: Role,
  name = `${role} ${uniqueSlug("")}`,
  details: { phone?: string; address?: string } = {},
): Promise<SignedIn> {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(role)}@example.org`, password: testPassword });
  const member = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name, role, ...details });
  const res = await postForm(server.url(tenant.slug, "/inloggen"), { email: account.email, password: testPassword });
  const cookie = sessionCookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`logging in as ${role} failed with ${res.status}`);
  return { email: account.email, cookie, member };
}

/** A platform admin logged in on the platform's own domain. */
export async function signedInAsPlatformAdmin(database: Database, server: TestServer): Promise<{ accountId: string; email: string; cookie: string }> {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug("platform")}@example.org`, password: testPassword, isPlatformAdmin: true });
  const res = await postForm(server.url(null, "/inloggen"), { email: account.email, password: testPassword });
  const cookie = sessionCookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`logging in on the platform failed with ${res.status}`);
  return { accountId: account.id, email: account.email, cookie };
}
