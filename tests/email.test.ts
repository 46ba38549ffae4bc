import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { createMailTransport, deliverPendingEmails, queueEmail } from "~/modules/email/outbox.server";
import { openTestDatabase, uniqueSlug } from "./support/database";

let database: Database;
let smtp: SMTPServer;
let smtpPort: number;
const received: { to: string; raw: string }[] = [];
const log = pino({ level: "silent" });

beforeAll(async () => {
  database = await openTestDatabase();
  // A real SMTP server on localhost, as the real nodemailer transport talks to it.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.close();
});

async function outboxRow(to: string) {
  return platformDb(database).selectFrom("outbox").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();
}

describe("the outbox", () => {
  it("delivers queued email over SMTP once", async () => {
    const to = `${uniqueSlug("mail")}@example.org`;
    await queueEmail(platformDb(database), null, { to, subject: "Welkom in de wijk", body: "Hallo!\nTot snel." });
    const send = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "Wijkplaats <noreply@localhost>", log });
    expect(await deliverPendingEmails(platformDb(database), send, log)).toBeGreaterThanOrEqual(1);
    const mail = received.find((m) => m.to === to);
    expect(mail?.raw).toContain("Subject: Welkom in de wijk");
    expect(mail?.raw).toContain("Tot snel.");
    expect((await outboxRow(to)).sent_at).not.toBeNull();

    await deliverPendingEmails(platformDb(database), send, log);
    expect(received.filter((m) => m.to === to)).toHaveLength(1);
  });

  it("keeps an email for a later retry when the mail server is unreachable", async () => {
    const to = `${uniqueSlug("later")}@example.org`;
    await queueEmail(platformDb(database), null, { to, subject: "Later", body: "Later." });
    const unreachable = createMailTransport({ smtpUrl: "smtp://127.0.0.1:1", from: "x@localhost", log });
    await deliverPendingEmails(platformDb(database), unreachable, log);
    const row = await outboxRow(to);
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/);
    expect(row.send_after.getTime()).toBeGreaterThan(Date.now());
  });
});
