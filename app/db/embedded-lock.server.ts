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
  const mine = JSON.stringify(owner);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: "wx" });
      // Remove the lock only while it is still ours.
      return () => {
        if (readRaw(lockPath) === mine) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const raw = readRaw(lockPath);
      const current = parseOwner(raw);
      // Our own pid in an old lock means a restart (e.g. a container) that reused the pid: stale.
      if (current && current.pid !== process.pid && isAlive(current.pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${dataDir} is in use by ${current.holder} (pid ${current.pid}, since ${current.since}). ` +
            `Stop it first (Ctrl+C in its terminal), or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
        );
      }
      takeOverStale(lockPath, raw);
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock the embedded database in ${dataDir}; another process is starting. Try again.`);
}

/**
 * Moves a stale lock aside atomically. If another process replaced it meanwhile (the moved file is
 * not the stale one we read), it is put back untouched and the next attempt sees that owner.
 */
function takeOverStale(lockPath: string, staleRaw: string | undefined): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // Someone else moved it first.
  }
  if (readRaw(aside) === staleRaw) fs.rmSync(aside, { force: true });
  else fs.renameSync(aside, lockPath);
}

function readRaw(lockPath: string): string | undefined {
  try {
    return fs.readFileSync(lockPath, "utf8");
  } catch {
    return undefined;
  }
}

function parseOwner(raw: string | undefined): LockOwner | undefined {
  try {
    return raw === undefined ? undefined : (JSON.parse(raw) as LockOwner);
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
