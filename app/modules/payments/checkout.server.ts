import { sql, type Transaction } from "kysely";
import { platformDbAlongside, type PlatformDb, type TenantDb } from "~/db/accessors.server";
import type { TenantTables } from "~/db/tables";
import { formatEuro } from "~/money";
import { queueEmail } from "~/modules/email/outbox.server";
import { messages } from "~/i18n/messages";
import { stripeAccountOf } from "./connect.server";
import { homeJobDescription, loanDescription, repairDescription, signupDescription } from "./descriptions";
import { applyTariff, tariffOf, tariffWaiverReason } from "./tariffs.server";
import type { OnlinePayments } from "./stripe.server";
import type { CheckoutLine, LedgerModule, Purpose, RecordType } from "./tables";

// Paying online (decision 0014): a module's record says what is due; a Stripe Checkout Session on
// the neighbourhood's own account asks for exactly that (never an amount from a form); when Stripe
// says it is paid, by the webhook or the person coming back, each line goes into the ledger once.

/** What one record asks of the person now, line by line, with what it is for. */
export interface Due {
  module: LedgerModule;
  recordType: RecordType;
  recordId: string;
  description: string;
  memberId: string;
  lines: CheckoutLine[];
  /** Where the person goes back to after paying or giving up. */
  returnPath: string;
}

/** The purposes of a record that the ledger already holds a payment or waiver for. */
async function settledPurposes(db: Pick<TenantDb, "selectFrom">, recordType: RecordType, recordId: string): Promise<Set<Purpose>> {
  const rows = await db.selectFrom("ledger_entries").select("purpose").where("record_type", "=", recordType).where("record_id", "=", recordId).where("kind", "<>", "refund").execute();
  return new Set(rows.map((row) => row.purpose));
}

/**
 * Each record type that can be paid online says here what it asks of its own person. A module adds
 * its record type with one function; the checkout, the webhook, the receipt and the ledger are shared.
 */
const payables: Partial<Record<RecordType, (db: TenantDb, recordId: string, memberId: string) => Promise<Due | null>>> = {
  /** A loan's deposit and fee, from the tool, while it is reserved or out. */
  async loan(db, recordId, memberId) {
    const loan = await db
      .selectFrom("loans")
      .innerJoin("tools", "tools.id", "loans.tool_id")
      .select(["loans.id", "loans.status", "loans.deposit_cents", "loans.fee_cents", "tools.deposit_cents as tool_deposit", "tools.fee_cents as tool_fee", "tools.number", "tools.name"])
      .where("loans.id", "=", recordId)
      .where("loans.member_id", "=", memberId)
      .executeTakeFirst();
    if (!loan || (loan.status !== "reserved" && loan.status !== "on_loan")) return null;
    // Handed out: what the desk wrote on the loan; reserved: what the tool asks.
    const out = loan.status === "on_loan";
    const lines: CheckoutLine[] = [
      { purpose: "deposit", amountCents: (out ? loan.deposit_cents : loan.tool_deposit) ?? 0 },
      { purpose: "fee", amountCents: (out ? loan.fee_cents : loan.tool_fee) ?? 0 },
    ];
    return { module: "tool_library", recordType: "loan", recordId, description: loanDescription(loan), memberId, lines, returnPath: "/account/leningen" };
  },
  /** A finished repair's contribution (parts and work at cost price), once the desk has closed it. */
  async repair(db, recordId, memberId) {
    const repair = await db
      .selectFrom("repairs")
      .select(["number", "status", "contribution_cents"])
      .where("id", "=", recordId)
      .where("member_id", "=", memberId)
      .executeTakeFirst();
    if (!repair || (repair.status !== "done" && repair.status !== "collected")) return null;
    const lines: CheckoutLine[] = [{ purpose: "contribution", amountCents: repair.contribution_cents ?? 0 }];
    return { module: "repairs", recordType: "repair", recordId, description: repairDescription(repair), memberId, lines, returnPath: `/reparaties/${recordId}` };
  },
  /** A home job's estimate, once the resident accepted it and until the job is done. */
  async home_job(db, recordId, memberId) {
    const job = await db
      .selectFrom("home_jobs")
      .select(["status", "estimate_cents", homeJobDescription.as("description")])
      .where("id", "=", recordId)
      .where("requester_id", "=", memberId)
      .executeTakeFirst();
    if (!job || (job.status !== "estimate_accepted" && job.status !== "scheduled")) return null;
    const lines: CheckoutLine[] = [{ purpose: "contribution", amountCents: job.estimate_cents ?? 0 }];
    return { module: "home_jobs", recordType: "home_job", recordId, description: job.description, memberId, lines, returnPath: `/klussen/${recordId}` };
  },
  /** A place at a meal or a paid activity: its price for the person and their guests. */
  async activity_signup(db, recordId, memberId) {
    const signup = await db
      .selectFrom("activity_signups")
      .innerJoin("activity_dates", "activity_dates.id", "activity_signups.date_id")
      .innerJoin("activities", "activities.id", "activity_dates.activity_id")
      .select([
        "activity_signups.status",
        "activity_signups.guests",
        "activity_dates.cancelled_at",
        "activities.kind",
        "activities.price_cents",
        signupDescription.as("description"),
      ])
      .where("activity_signups.id", "=", recordId)
      .where("activity_signups.member_id", "=", memberId)
      .executeTakeFirst();
    if (!signup || signup.status === "waiting" || signup.cancelled_at) return null;
    const meal = signup.kind === "meal";
    const lines: CheckoutLine[] = [{ purpose: meal ? "meal" : "activity", amountCents: signup.price_cents * (1 + signup.guests) }];
    return { module: meal ? "kitchen" : "activities", recordType: "activity_signup", recordId, description: signup.description, memberId, lines, returnPath: "/account/agenda" };
  },
};

export const payableRecordTypes = Object.keys(payables) as RecordType[];

/**
 * What a record asks of this person now, or null when nothing: lines already paid or waived are
 * left out, and a reduced tariff lowers each line (the same page, a lower amount or nothing).
 */
export async function amountsDue(db: TenantDb, recordType: RecordType, recordId: string, memberId: string): Promise<Due | null> {
  const due = await payables[recordType]?.(db, recordId, memberId);
  if (!due) return null;
  const [settled, tariff] = await Promise.all([settledPurposes(db, recordType, recordId), tariffOf(db, memberId)]);
  const lines = due.lines.flatMap((line): CheckoutLine[] => {
    if (line.amountCents <= 0 || settled.has(line.purpose)) return [];
    const { pays, waived } = applyTariff(line.amountCents, tariff);
    if (pays <= 0) return [];
    return [{ purpose: line.purpose, amountCents: pays, ...(tariff && waived > 0 ? { tariff: { waivedCents: waived, reason: tariffWaiverReason(tariff) } } : {}) }];
  });
  return lines.length > 0 ? { ...due, lines } : null;
}

const total = (lines: CheckoutLine[]) => lines.reduce((sum, line) => sum + line.amountCents, 0);

/**
 * Opens a Stripe Checkout Session on the neighbourhood's account for what the record asks, and
 * keeps it; returns where to send the person. The idempotency key names the record, the amount and
 * the attempt, so a retried call gives the same session and a later attempt a new one.
 */
export async function startCheckout(
  payments: OnlinePayments,
  db: TenantDb,
  platform: PlatformDb,
  tenantId: string,
  due: Due,
  siteUrl: string,
): Promise<{ ok: true; url: string } | { ok: false; error: "online_payments_closed" }> {
  const account = await stripeAccountOf(platform, tenantId);
  if (!account?.charges_enabled) return { ok: false, error: "online_payments_closed" };
  const attempts = await db.selectFrom("checkout_sessions").select(sql<number>`count(*)::int`.as("n")).where("record_type", "=", due.recordType).where("record_id", "=", due.recordId).executeTakeFirstOrThrow();
  const amount = total(due.lines);
  const purposeNames = messages.nl.payments.purposes;
  const metadata = { tenant_id: tenantId, record_type: due.recordType, record_id: due.recordId };
  const session = await payments.stripe.checkout.sessions.create(
    {
      mode: "payment",
      locale: "nl",
      allowed_payment_method_types: ["ideal", "card"],
      line_items: due.lines.map((line) => ({
        quantity: 1,
        price_data: { currency: "eur", unit_amount: line.amountCents, product_data: { name: `${due.description} (${purposeNames[line.purpose]})` } },
      })),
      client_reference_id: due.recordId,
      metadata,
      payment_intent_data: {
        metadata,
        ...(account.application_fee_bps > 0 ? { application_fee_amount: Math.round((amount * account.application_fee_bps) / 10_000) } : {}),
      },
      success_url: new URL("/betalen/bon/{CHECKOUT_SESSION_ID}", siteUrl).href.replace("%7BCHECKOUT_SESSION_ID%7D", "{CHECKOUT_SESSION_ID}"),
      cancel_url: new URL(due.returnPath, siteUrl).href,
    },
    { stripeAccount: account.account_id, idempotencyKey: `checkout:${tenantId}:${due.recordType}:${due.recordId}:${amount}:${attempts.n}` },
  );
  await db
    .insertInto("checkout_sessions")
    .values({
      id: session.id,
      module: due.module,
      record_type: due.recordType,
      record_id: due.recordId,
      lines: JSON.stringify(due.lines),
      total_cents: amount,
      description: due.description,
      member_id: due.memberId,
    })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  return { ok: true, url: session.url! };
}

/**
 * The session is paid: each line becomes a ledger entry (Stripe's fee on the first), the session is
 * marked paid and the receipt is emailed, all in one transaction. Run twice (the webhook and the
 * person's return, or an event delivered again) it does nothing the second time.
 */
export async function recordCheckoutPaid(
  db: TenantDb,
  tenant: { id: string; name: string },
  sessionId: string,
  paid: { paymentIntent: string; stripeFeeCents: number | null },
  siteUrl: string,
): Promise<"recorded" | "already" | "unknown"> {
  return db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom("checkout_sessions").selectAll().where("id", "=", sessionId).forUpdate().executeTakeFirst();
    if (!session) return "unknown";
    if (session.status === "paid") return "already";
    let first = true;
    for (const line of session.lines) {
      await trx
        .insertInto("ledger_entries")
        .values({
          module: session.module,
          record_type: session.record_type,
          record_id: session.record_id,
          purpose: line.purpose,
          kind: "payment",
          method: "online",
          amount_cents: line.amountCents,
          description: session.description,
          member_id: session.member_id,
          stripe_payment_intent: paid.paymentIntent,
          stripe_fee_cents: first ? paid.stripeFeeCents : null,
        })
        .onConflict((conflict) => conflict.columns(["record_type", "record_id", "purpose", "kind"]).where("kind", "<>", "refund").doNothing())
        .execute();
      if (line.tariff) {
        await trx
          .insertInto("ledger_entries")
          .values({ ...recordOf(session), purpose: line.purpose, kind: "waiver", method: null, amount_cents: line.tariff.waivedCents, reason: line.tariff.reason, tariff: true })
          .onConflict((conflict) => conflict.columns(["record_type", "record_id", "purpose", "kind"]).where("kind", "<>", "refund").doNothing())
          .execute();
      }
      first = false;
    }
    await trx.updateTable("checkout_sessions").set({ status: "paid", paid_at: new Date(), payment_intent: paid.paymentIntent }).where("id", "=", sessionId).execute();
    await emailReceipt(trx, tenant, session, siteUrl);
    return "recorded";
  });
}

/** The ledger's columns that say what a checkout session was for and whose it was. */
const recordOf = (session: { module: LedgerModule; record_type: RecordType; record_id: string; description: string; member_id: string | null }) => ({
  module: session.module,
  record_type: session.record_type,
  record_id: session.record_id,
  description: session.description,
  member_id: session.member_id,
});

/** The receipt by email, to the person's account (none without an account). */
async function emailReceipt(
  trx: Transaction<TenantTables>,
  tenant: { id: string; name: string },
  session: { id: string; member_id: string | null; description: string; total_cents: number },
  siteUrl: string,
) {
  if (!session.member_id) return;
  const member = await trx.selectFrom("members").select(["name", "account_id"]).where("id", "=", session.member_id).executeTakeFirst();
  if (!member?.account_id) return;
  const platform = platformDbAlongside(trx);
  const account = await platform.selectFrom("accounts").select("email").where("id", "=", member.account_id).where("disabled_at", "is", null).executeTakeFirst();
  if (!account) return;
  const profile = await trx.selectFrom("profile").select(["street", "postcode", "city"]).executeTakeFirst();
  const address = [profile?.street, [profile?.postcode, profile?.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const text = messages.nl.payments.receipt.email;
  await queueEmail(platform, tenant.id, {
    to: account.email,
    subject: text.subject(tenant.name),
    body: text.body(member.name, session.description, formatEuro(session.total_cents, "nl"), tenant.name, address, new URL(`/betalen/bon/${session.id}`, siteUrl).href),
  });
}

/**
 * The person came back from Stripe: asks Stripe whether the session is paid (the webhook may not
 * have arrived yet) and records it if so. When Stripe cannot be reached the page simply says the
 * payment is still being processed.
 */
export async function confirmCheckout(payments: OnlinePayments, db: TenantDb, platform: PlatformDb, tenant: { id: string; name: string }, sessionId: string, siteUrl: string): Promise<void> {
  const account = await stripeAccountOf(platform, tenant.id);
  if (!account) return;
  const session = await payments.stripe.checkout.sessions.retrieve(sessionId, {}, { stripeAccount: account.account_id });
  if (session.payment_status !== "paid" || typeof session.payment_intent !== "string") return;
  // The ledger is written once, so the fee is looked up now too (the webhook will find it recorded).
  const fee = await stripeFee(payments, session.payment_intent, account.account_id);
  await recordCheckoutPaid(db, tenant, sessionId, { paymentIntent: session.payment_intent, stripeFeeCents: fee }, siteUrl);
}

/** What Stripe kept of a payment: its balance transaction's fee; null when Stripe does not say yet. */
export async function stripeFee(payments: OnlinePayments, paymentIntentId: string, accountId: string): Promise<number | null> {
  const intent = await payments.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge.balance_transaction"] }, { stripeAccount: accountId });
  const charge = intent.latest_charge;
  const balance = charge && typeof charge !== "string" ? charge.balance_transaction : null;
  return balance && typeof balance !== "string" ? balance.fee : null;
}

/** One payment started online, for its own person's receipt page. */
export async function checkoutForReceipt(db: TenantDb, sessionId: string, memberId: string) {
  const session = await db
    .selectFrom("checkout_sessions")
    .select(["id", "description", "lines", "total_cents", "status", "paid_at", "created_at"])
    .where("id", "=", sessionId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  if (!session) return null;
  const profile = await db.selectFrom("profile").select(["street", "postcode", "city", "email", "phone"]).executeTakeFirst();
  return { session, profile: profile ?? null };
}
