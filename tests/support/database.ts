import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "~/db/database.server";
import { migratePlatform } from "~/db/migrate.server";

/**
 * A fresh, migrated platform database for one test file: a new database on the PostgreSQL server in
 * DATABASE_URL (dropped afterwards), or an in-memory PGlite when DATABASE_URL is unset.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<Database & { url?: string }> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    if (migrate) await migratePlatform(database);
    return database;
  }
  const name = `wijkplaats_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.href, poolMax: 20 });
  if (migrate) await migratePlatform(database);
  return {
    ...database,
    url: url.href,
    async close() {
      await database.close();
      await withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A slug no other test uses: tests never depend on each other's tenants. */
export function uniqueSlug(prefix = "wijk"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
