import { PGlite } from "@electric-sql/pglite";
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
    const pglite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
    const kysely = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    return {
      kind: "embedded",
      kysely,
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
