import { sql, type SqlBool } from "kysely";
import { platformDbAlongside, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, formatDay } from "~/dates";
import { messages } from "~/i18n/messages";
import { queueEmail } from "~/modules/email/outbox.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";

/**
 * Queues the reminder emails of one neighbourhood for `today`: when a loan is due tomorrow (or
 * today, if yesterday's run was missed), and once when it is overdue. Marking a loan as reminded
 * and queueing its email happen in one transaction, so a retry (or a second app instance) neither
 * sends a reminder twice nor loses one. Borrowers without an account (helped at the desk) get no
 * email; the desk's late list is there for them.
 */
export async function queueLoanReminders(database: Database, tenant: TenantRow, platformUrl: string, today: string) {
  return tenantDb(database, tenant.id).transaction().execute(async (db) => {
    const platform = platformDbAlongside(db);
    const claim = (kind: "due" | "overdue") =>
      db
        .updateTable("loans")
        .set(kind === "due" ? { due_reminder_sent_at: new Date() } : { overdue_reminder_sent_at: new Date() })
        .where("status", "=", "on_loan")
        .where(kind === "due" ? "due_reminder_sent_at" : "overdue_reminder_sent_at", "is", null)
        .where(
          kind === "due"
            ? sql<SqlBool>`upper(period) - 1 between ${today}::date and ${addDays(today, 1)}::date`
            : sql<SqlBool>`upper(period) - 1 < ${today}::date`,
        )
        .returning(["member_id", "tool_id", sql<string>`(upper(period) - 1)::text`.as("due")])
        .execute()
        .then((loans) => loans.map((loan) => ({ ...loan, kind })));
    const claimed = [...(await claim("due")), ...(await claim("overdue"))];
    const sent = { due: 0, overdue: 0 };
    if (claimed.length === 0) return sent;

    const memberIds = [...new Set(claimed.flatMap((loan) => (loan.member_id ? [loan.member_id] : [])))];
    const members = memberIds.length ? await db.selectFrom("members").select(["id", "name", "account_id"]).where("id", "in", memberIds).execute() : [];
    const accountIds = members.flatMap((member) => (member.account_id ? [member.account_id] : []));
    const accounts = accountIds.length ? await platform.selectFrom("accounts").select(["id", "email"]).where("id", "in", accountIds).execute() : [];
    const tools = await db.selectFrom("tools").select(["id", "name"]).where("id", "in", [...new Set(claimed.map((loan) => loan.tool_id))]).execute();

    // Reminders go out in Dutch: we do not store a language per person.
    const t = messages.nl.toolLibrary.reminders;
    const link = new URL("/account/leningen", neighbourhoodUrl(platformUrl, tenant)).href;
    for (const loan of claimed) {
      const member = members.find((m) => m.id === loan.member_id);
      const email = accounts.find((a) => a.id === member?.account_id)?.email;
      if (!member || !email) continue;
      const tool = tools.find((candidate) => candidate.id === loan.tool_id)!;
      const day = formatDay(loan.due, "nl");
      await queueEmail(platform, tenant.id, { to: email, subject: t[loan.kind].subject(tool.name, day), body: t[loan.kind].body(member.name, tool.name, day, tenant.name, link) });
      sent[loan.kind] += 1;
    }
    return sent;
  });
}
