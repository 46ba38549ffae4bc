import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { joinNeighbourhood } from "~/modules/members/members.server";

/** Everyone in the demo logs in with this password; it is printed at start-up and on the landing page. */
export const DEMO_PASSWORD = "demo-wijkplaats";

/** The neighbourhood whose people can log in and whose week is filled with work. */
export const DEMO_SLUG = "steenwijk-west";

export interface DemoLogin {
  role: Role | "platform_admin";
  name: string;
  email: string;
  /** Where they log in: a neighbourhood's slug, or null for the platform's own domain. */
  slug: string | null;
}

// example.org never delivers mail, so a demo with SMTP set still reaches nobody.
export const demoLogins: readonly DemoLogin[] = [
  { role: "coordinator", name: "Ingrid Bakker", email: "coordinator@example.org", slug: DEMO_SLUG },
  { role: "volunteer", name: "Henk Mulder", email: "vrijwilliger@example.org", slug: DEMO_SLUG },
  { role: "resident", name: "Fatima El Amrani", email: "bewoner@example.org", slug: DEMO_SLUG },
  { role: "platform_admin", name: "Platformbeheer", email: "platformbeheer@example.org", slug: null },
];

export type DemoPeople = Record<Role, MemberRow>;

/**
 * The demo logins: accounts with the demo password, and in the demo neighbourhood a coordinator, a
 * volunteer and a resident who joined as an invited person does (with the audit entry).
 */
export async function createDemoLogins(database: Database, tenant: TenantRow): Promise<DemoPeople> {
  const platform = platformDb(database);
  const db = tenantDb(database, tenant.id);
  // Hashing a password is the slow part of the whole demo: the four run side by side.
  const accounts = await Promise.all(
    demoLogins.map((login) => createAccount(platform, { email: login.email, password: DEMO_PASSWORD, isPlatformAdmin: login.role === "platform_admin" })),
  );
  const people: Partial<DemoPeople> = {};
  for (const [index, login] of demoLogins.entries()) {
    const account = accounts[index]!;
    if (login.role === "platform_admin") continue;
    const member = await joinNeighbourhood(db, platform, tenant.id, { accountId: account.id, name: login.name, role: login.role, privacyAcceptedAt: new Date() });
    await recordAudit(db, { actor: member.id, action: "member_joined", subject: member.id, details: { role: login.role } });
    people[login.role] = member;
  }
  return people as DemoPeople;
}

/** The demo logins whose account exists (none in a database made before there were demo logins). */
export async function existingDemoLogins(database: Database): Promise<DemoLogin[]> {
  const emails = demoLogins.map((login) => login.email);
  const found = await platformDb(database).selectFrom("accounts").select("email").where("email", "in", emails).execute();
  const present = new Set(found.map((row) => row.email));
  return demoLogins.filter((login) => present.has(login.email));
}
