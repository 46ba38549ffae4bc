import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { z } from "zod";
import { otherPersonEmailSchema } from "~/modules/accounts/validation.server";
import { newTenantSchema } from "./validation";

/** Onboarding at /admin/nieuw: the neighbourhood and its first coordinator's email address. */
export const onboardingSchema = newTenantSchema.omit({ customDomain: true }).extend({ coordinatorEmail: otherPersonEmailSchema });

/** A (new) coordinator for an existing neighbourhood, from the admin overview. */
export const coordinatorInvitationSchema = z.object({
  slug: z.string({ error: "neighbourhood_required" }).min(1, "neighbourhood_required"),
  email: otherPersonEmailSchema,
});

/**
 * Every neighbourhood for the platform admin: status, number of people and last activity (the newest
 * entry in its audit log: a login, a join, a role change). Both come from each tenant's own schema,
 * through the tenant accessor like every other tenant query; a neighbourhood whose schema cannot be
 * read (say, a failed migration) shows "unknown" instead of breaking the page.
 */
export async function listTenantsForAdmin(database: Database) {
  const tenants = await platformDb(database)
    .selectFrom("tenants")
    .select(["id", "slug", "name", "status", "municipality"])
    .where("status", "!=", "provisioning")
    .orderBy("name")
    .execute();
  return Promise.all(
    tenants.map(async (tenant) => {
      const db = tenantDb(database, tenant.id);
      try {
        const [members, activity] = await Promise.all([
          db.selectFrom("members").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow(),
          db.selectFrom("audit_log").select((eb) => eb.fn.max("at").as("at")).executeTakeFirst(),
        ]);
        return { ...tenant, members: Number(members.count), last_activity: activity?.at ? new Date(activity.at) : null };
      } catch {
        return { ...tenant, members: null, last_activity: null };
      }
    }),
  );
}

/**
 * What onboarding made, for the admin's confirmation: the neighbourhood and to whom its open
 * coordinator invitations went. Null when there is no such neighbourhood.
 */
export async function onboardedNeighbourhood(database: Database, slug: string) {
  const tenant = await platformDb(database).selectFrom("tenants").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!tenant) return null;
  const invitations = await tenantDb(database, tenant.id)
    .selectFrom("invitations")
    .select("email")
    .where("role", "=", "coordinator")
    .where("accepted_at", "is", null)
    .orderBy("created_at")
    .execute();
  return { tenant, invitedEmails: invitations.map((invitation) => invitation.email) };
}
