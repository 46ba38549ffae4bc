import { ConfigError, loadConfig, type Config } from "~/config.server";
import { openDatabase, type Database } from "~/db/database.server";
import { EmbeddedDatabaseBusyError } from "~/db/embedded-lock.server";

/**
 * Shared start of the app and every command-line tool: read the configuration and open the database,
 * or stop with one clear line (a bad setting, or the embedded database held by another process).
 */
export async function openFromEnvironment(holder: string): Promise<{ config: Config; database: Database }> {
  try {
    const config = loadConfig();
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      poolMax: config.databasePoolMax,
      dataDir: config.dataDir,
      holder,
    });
    return { config, database };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedDatabaseBusyError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
