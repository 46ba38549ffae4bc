import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { PlatformDb } from "~/db/accessors.server";

export interface Email {
  to: string;
  subject: string;
  body: string;
}

/** Sends one email or throws. */
export type MailTransport = (email: Email) => Promise<void>;

/** Queues an email in the same transaction or request as the change it is about. */
export async function queueEmail(db: PlatformDb, tenantId: string | null, email: Email): Promise<void> {
  await db.insertInto("outbox").values({ tenant_id: tenantId, to_address: email.to, subject: email.subject, body: email.body, sent_at: null, last_error: null }).execute();
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Without it nothing leaves the machine: the email is
 * only logged (without its body, which may hold a link that works once) and stays readable on the
 * development mailbox page.
 */
export function createMailTransport(options: { smtpUrl: string | undefined; from: string; log: Logger }): MailTransport {
  if (!options.smtpUrl) {
    return async (email) => options.log.info({ to: email.to, subject: email.subject }, "email not sent (no SMTP_URL): see /dev/mailbox");
  }
  const transporter = nodemailer.createTransport(options.smtpUrl);
  return async (email) => {
    await transporter.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.body });
  };
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
const LEASE_MS = 5 * 60 * 1000;

/**
 * Delivers due emails. A short transaction claims a batch (SKIP LOCKED, and a lease that hides it
 * from other senders for five minutes); the sending itself happens outside any transaction, so a
 * slow mail server never holds a database connection (PGlite has only one). A failure is retried
 * later with exponential backoff. Bodies of emails sent over a week ago are emptied: their links
 * have expired, and nothing should keep them.
 */
export async function deliverPendingEmails(db: PlatformDb, send: MailTransport, log: Logger, limit = 20): Promise<number> {
  const due = await db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom("outbox")
      .select(["id", "to_address", "subject", "body", "attempts"])
      .where("sent_at", "is", null)
      .where("send_after", "<=", new Date())
      .orderBy("id")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (batch.length > 0) {
      await trx
        .updateTable("outbox")
        .set({ send_after: new Date(Date.now() + LEASE_MS) })
        .where("id", "in", batch.map((email) => email.id))
        .execute();
    }
    return batch;
  });
  let sent = 0;
  for (const email of due) {
    try {
      await send({ to: email.to_address, subject: email.subject, body: email.body });
      await db.updateTable("outbox").set({ sent_at: new Date(), attempts: email.attempts + 1, last_error: null }).where("id", "=", email.id).execute();
      sent++;
    } catch (error) {
      const wait = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** email.attempts);
      log.warn({ err: error, outboxId: email.id }, "email delivery failed; will retry");
      await db
        .updateTable("outbox")
        .set({ attempts: email.attempts + 1, last_error: String(error).slice(0, 500), send_after: new Date(Date.now() + wait) })
        .where("id", "=", email.id)
        .execute();
    }
  }
  await db
    .updateTable("outbox")
    .set({ body: "" })
    .where("sent_at", "<", new Date(Date.now() - 7 * 24 * 60 * 60 * 1000))
    .where("body", "!=", "")
    .execute();
  return sent;
}

/** Runs the delivery every few seconds until stopped. */
export function startEmailSender(db: PlatformDb, send: MailTransport, log: Logger, intervalMs = 3000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverPendingEmails(db, send, log)).catch((error) => log.error({ err: error }, "email sender failed"));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The newest emails, for the development mailbox page. */
export function recentEmails(db: PlatformDb, limit = 50) {
  return db.selectFrom("outbox").select(["id", "to_address", "subject", "body", "created_at", "sent_at"]).orderBy("id", "desc").limit(limit).execute();
}
