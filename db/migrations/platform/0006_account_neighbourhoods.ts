import type { Kysely } from "kysely";

// Which neighbourhoods an account has a member record in: only the link, no personal data. Lets an
// account be deleted when its last neighbourhood lets go of it, without reading other tenants.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_neighbourhoods")
    .addColumn("account_id", "uuid", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("account_neighbourhoods_pkey", ["account_id", "tenant_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("account_neighbourhoods").execute();
}
