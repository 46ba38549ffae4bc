import fs from "node:fs";
import path from "node:path";

/**
 * PGlite runs inside one process and must never be opened by two at once: that corrupts the data
 * directory. Whoever opens it (the app or a command-line tool) holds this lock file, and the next one
 * gets a message saying who holds it instead of a corrupted database.
 */
export class EmbeddedDatabaseBusyError extends Error {}

interface LockOwner {
  pid: number;
  holder: string;
  since: string;
}

export function acquireEmbeddedLock(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "wijkplaats.lock");
  const owner: LockOwner = { pid: process.pid, holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(owner), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readOwner(lockPath);
      if (current && isAlive(current.pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${dataDir} is in use by ${current.holder} (pid ${current.pid}, since ${current.since}). ` +
            `Stop it first (Ctrl+C in its terminal), or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
        );
      }
      // The previous owner died without cleaning up: the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock the embedded database in ${dataDir}.`);
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
