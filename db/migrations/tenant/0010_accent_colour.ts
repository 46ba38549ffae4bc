import type { Kysely } from "kysely";

// The neighbourhood's accent colour ("#rrggbb"), served in /thema.css; null: the app's default green.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profile").addColumn("accent_colour", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profile").dropColumn("accent_colour").execute();
}
