// npm run admin:create -- --email <email>
// The password is read from ADMIN_PASSWORD, from a pipe (echo … | npm run admin:create …), or asked for.
import { parseArgs } from "node:util";
import readline from "node:readline";
import { platformDb } from "~/db/accessors.server";
import { migratePlatform } from "~/db/migrate.server";
import { createAccount, EmailTakenError } from "~/modules/accounts/accounts.server";
import { emailSchema, newPasswordSchema } from "~/modules/accounts/validation.server";
import { messages } from "~/i18n/messages";
import { openFromEnvironment } from "~/server/open.server";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { email: { type: "string" } } });
if (command !== "create") {
  console.error("usage: npm run admin:create -- --email <email>");
  process.exit(2);
}

const explain = (key: string) => (messages.nl.validation as Record<string, string>)[key] ?? key;
const email = emailSchema.safeParse(values.email ?? "");
if (!email.success) {
  console.error(`--email: ${explain(email.error.issues[0]!.message)}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write("Password for the new platform admin (not shown): ");
    // Keep typed characters off the screen.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return line;
}

const password = newPasswordSchema.safeParse(await readPassword());
if (!password.success) {
  console.error(`password: ${explain(password.error.issues[0]!.message)}`);
  process.exit(1);
}

const { database } = await openFromEnvironment("npm run admin:create");
let exitCode = 0;
try {
  await migratePlatform(database);
  await createAccount(platformDb(database), { email: email.data, password: password.data, isPlatformAdmin: true });
  // /admin on the bare domain asks for the login and comes back to /admin (tests/bugs-found.test.ts).
  console.log(`Platform admin ${email.data} created. Open /admin on the platform's own domain (for example http://localhost:3000/admin) and log in there.`);
} catch (error) {
  if (!(error instanceof EmailTakenError)) throw error;
  console.error(`--email: an account with ${email.data} already exists.`);
  exitCode = 1;
} finally {
  await database.close();
}
// Set only now: closing embedded PGlite (Emscripten) overwrites process.exitCode.
process.exit(exitCode);
