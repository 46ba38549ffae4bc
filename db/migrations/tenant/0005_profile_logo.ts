import type { Kysely } from "kysely";

// The key of the neighbourhood's logo in file storage (local disk or S3), prefixed by the tenant.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profile").addColumn("logo_key", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profile").dropColumn("logo_key").execute();
}
