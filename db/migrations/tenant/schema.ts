import { type Kysely, sql } from "kysely";

/**
 * Runs raw SQL inside the tenant schema a migration is migrating. The migrator scopes the query
 * builder with withSchema, but raw SQL (moving rows with insert … select, creating a trigger
 * function) is not rewritten, so the schema goes on the search path for that part of the
 * migration's transaction and comes off again after.
 */
export async function inTenantSchema(db: Kysely<any>, work: () => Promise<void>): Promise<void> {
  const match = /from "([^"]+)"\."probe"/.exec(db.selectFrom("probe").selectAll().compile().sql);
  if (!match) throw new Error("a tenant migration runs inside a tenant schema");
  await sql`select set_config('search_path', ${match[1]!}, true)`.execute(db);
  await work();
  await sql`reset search_path`.execute(db);
}
