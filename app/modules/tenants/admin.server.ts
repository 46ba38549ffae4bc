import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";

/**
 * Every neighbourhood for the platform admin: status, number of people, last sign-in. Member counts
 * come from each tenant's own schema, through the tenant accessor like every other tenant query.
 */
export async function listTenantsForAdmin(database: Database) {
  const tenants = await platformDb(database)
    .selectFrom("tenants")
    .leftJoin("sessions", "sessions.tenant_id", "tenants.id")
    .select((eb) => ["tenants.id", "tenants.slug", "tenants.name", "tenants.status", "tenants.municipality", eb.fn.max("sessions.last_used_at").as("last_activity")])
    .where("tenants.status", "!=", "provisioning")
    .groupBy("tenants.id")
    .orderBy("tenants.name")
    .execute();
  return Promise.all(
    tenants.map(async (tenant) => {
      const { count } = await tenantDb(database, tenant.id)
        .selectFrom("members")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .executeTakeFirstOrThrow();
      return { ...tenant, members: Number(count) };
    }),
  );
}
