import { sql } from "kysely";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, formatDay } from "~/dates";
import { messages } from "~/i18n/messages";
import { queueEmail } from "~/modules/email/outbox.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";

/**
 * Queues the reminder emails of one neighbourhood for `today`: the day before a loan is due, and
 * once when it is overdue. Each loan is claimed with a conditional UPDATE before its email is
 * queued, so a job that runs twice (a retry, two app instances) never sends one reminder twice.
 * Borrowers without an account (helped at the desk) get no email; the desk's overdue list is there
 * for them.
 */
export async function queueLoanReminders(database: Database, tenant: TenantRow, platformUrl: string, today: string) {
  const db = tenantDb(database, tenant.id);
  const due = await db
    .updateTable("loans")
    .set({ due_reminder_sent_at: new Date() })
    .where("status", "=", "on_loan")
    .where("due_reminder_sent_at", "is", null)
    .where(sql`upper(period) - 1`, "=", sql`${addDays(today, 1)}::date`)
    .returning(["member_id", "tool_id", sql<string>`(upper(period) - 1)::text`.as("due")])
    .execute();
  const overdue = await db
    .updateTable("loans")
    .set({ overdue_reminder_sent_at: new Date() })
    .where("status", "=", "on_loan")
    .where("overdue_reminder_sent_at", "is", null)
    .where(sql`upper(period) - 1`, "<", sql`${today}::date`)
    .returning(["member_id", "tool_id", sql<string>`(upper(period) - 1)::text`.as("due")])
    .execute();
  const claimed = [...due.map((loan) => ({ ...loan, kind: "due" as const })), ...overdue.map((loan) => ({ ...loan, kind: "overdue" as const }))];
  if (claimed.length === 0) return { due: 0, overdue: 0 };

  const memberIds = [...new Set(claimed.flatMap((loan) => (loan.member_id ? [loan.member_id] : [])))];
  const members = memberIds.length ? await db.selectFrom("members").select(["id", "name", "account_id"]).where("id", "in", memberIds).execute() : [];
  const accountIds = members.flatMap((member) => (member.account_id ? [member.account_id] : []));
  const accounts = accountIds.length ? await platformDb(database).selectFrom("accounts").select(["id", "email"]).where("id", "in", accountIds).execute() : [];
  const tools = await db.selectFrom("tools").select(["id", "name"]).where("id", "in", [...new Set(claimed.map((loan) => loan.tool_id))]).execute();

  // Reminders go out in Dutch: we do not store a language per person.
  const t = messages.nl.toolLibrary.reminders;
  const link = new URL("/account/leningen", neighbourhoodUrl(platformUrl, tenant)).href;
  let sent = { due: 0, overdue: 0 };
  for (const loan of claimed) {
    const member = members.find((m) => m.id === loan.member_id);
    const email = accounts.find((a) => a.id === member?.account_id)?.email;
    const tool = tools.find((tl) => tl.id === loan.tool_id)!;
    if (!member || !email) continue;
    const text = t[loan.kind];
    await queueEmail(platformDb(database), tenant.id, {
      to: email,
      subject: text.subject(tool.name),
      body: text.body(member.name, tool.name, formatDay(loan.due, "nl"), tenant.name, link),
    });
    sent = { ...sent, [loan.kind]: sent[loan.kind] + 1 };
  }
  return sent;
}
