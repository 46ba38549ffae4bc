import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { acquireEmbeddedLock } from "./embedded-lock.server";

export type NotificationHandler = (payload: string) => void;

/**
 * The one database of the platform: a PostgreSQL server when DATABASE_URL is set, otherwise embedded
 * PGlite. Everything above this file is the same code path; the two differ only in the Kysely dialect
 * and in how LISTEN/NOTIFY is wired.
 */
export interface Database {
  kind: "postgres" | "embedded";
  /** Root handle. Reach tables through `platformDb` or `tenantDb`, never through this directly. */
  kysely: Kysely<unknown>;
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /**
   * Runs SQL text for a library that brings its own (the pg-boss job queue): several statements
   * when there are no parameters. On the embedded database it waits its turn with Kysely's queries,
   * so it never lands inside someone else's transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  poolMax?: number;
  /** Directory for embedded PGlite; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Who opens the embedded database, shown to the next process that tries. */
  holder?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolMax ?? 10) : openEmbedded(options);
}

function openPostgres(connectionString: string, max: number): Database {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.Client>();
  let closing = false;
  return {
    kind: "postgres",
    kysely,
    executeSql: (text, values) => pool.query(text, values),
    async listen(channel, handler) {
      // A dedicated connection per channel. When it drops, notifications may have been missed: the
      // handler is called (so caches are cleared) and the connection is made again, every second
      // until it works.
      let current: pg.Client | undefined;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString });
        client.on("error", () => {});
        client.on("notification", (message) => {
          if (message.channel === channel) handler(message.payload ?? "");
        });
        await client.connect();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        current = client;
        listeners.add(client);
        client.once("end", () => {
          listeners.delete(client);
          reconnect();
        });
      };
      const reconnect = () => {
        if (stopped || closing) return;
        handler("");
        setTimeout(() => void connect().catch(reconnect), 1000).unref();
      };
      await connect();
      return async () => {
        stopped = true;
        await current?.end();
      };
    },
    async close() {
      closing = true;
      await Promise.all([...listeners].map((client) => client.end()));
      await kysely.destroy();
    },
  };
}

async function openEmbedded(options: DatabaseOptions): Promise<Database> {
  const release = options.dataDir ? acquireEmbeddedLock(options.dataDir, options.holder ?? "another process") : () => {};
  try {
    // The same extensions the platform migrations create on a PostgreSQL server.
    const extensions = { btree_gist };
    const pglite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir, extensions } : { extensions });
    const kysely = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    return {
      kind: "embedded",
      kysely,
      // Kysely's PGlite driver hands out one connection at a time; holding it serialises this SQL
      // with every Kysely query and transaction.
      executeSql: (text, values) =>
        kysely.connection().execute(async () => {
          if (values?.length) return pglite.query(text, values);
          const results = await pglite.exec(text);
          return results.at(-1) ?? { rows: [] };
        }),
      listen: (channel, handler) => pglite.listen(channel, handler),
      async close() {
        await kysely.destroy();
        // Kysely only closes a driver it has used; PGlite must be closed in any case.
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
