import { type Kysely, sql } from "kysely";

// One login identity per person, platform-wide. What a person is in a neighbourhood (name, role,
// phone, address) lives in that neighbourhood's own schema, not here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("accounts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull().unique().check(sql`email = lower(email)`))
    .addColumn("password_hash", "text")
    .addColumn("is_platform_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("password_changed_at", "timestamptz")
    .execute();

  // Lucia's session design: the cookie holds "<id>.<secret>", only SHA-256(secret) is stored.
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("account_id", "uuid", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    // The neighbourhood whose host made the session; null for the platform's own domain.
    .addColumn("tenant_id", "uuid", (c) => c.references("tenants.id").onDelete("cascade"))
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("absolute_expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_account_id").on("sessions").column("account_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("accounts").execute();
}
