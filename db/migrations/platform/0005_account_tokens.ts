import { type Kysely, sql } from "kysely";

// One-time links sent by email: password reset and email verification. Only the SHA-256 of the
// token is stored; a link expires and works once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_tokens")
    .addColumn("token_hash", "bytea", (c) => c.primaryKey())
    .addColumn("account_id", "uuid", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('password_reset', 'email_verification')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.alterTable("accounts").addColumn("email_verified_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("email_verified_at").execute();
  await db.schema.dropTable("account_tokens").execute();
}
