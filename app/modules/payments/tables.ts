import type { ColumnType, Generated } from "kysely";

/** Tables of the payments module inside every neighbourhood's schema (see db/migrations/tenant/0015_ledger.ts). */
export interface PaymentTables {
  ledger_entries: LedgerEntriesTable;
  cash_counts: CashCountsTable;
  checkout_sessions: CheckoutSessionsTable;
  stripe_comparisons: StripeComparisonsTable;
  tariffs: TariffsTable;
}

/** Which module a payment belongs to (the offering kinds that take money). */
export const ledgerModules = ["tool_library", "repairs", "home_jobs", "kitchen", "activities"] as const;
export type LedgerModule = (typeof ledgerModules)[number];
/** What kind of record it was for. */
export const recordTypes = ["loan", "repair", "home_job", "activity_signup"] as const;
export type RecordType = (typeof recordTypes)[number];
export const purposes = ["fee", "deposit", "contribution", "meal", "activity"] as const;
export type Purpose = (typeof purposes)[number];
/** Money in, money back (also a deposit given back), or nothing moving because it was forgiven. */
export const entryKinds = ["payment", "refund", "waiver"] as const;
export type EntryKind = (typeof entryKinds)[number];
export const moneyMethods = ["cash", "online"] as const;
export type MoneyMethod = (typeof moneyMethods)[number];
/** How an amount was settled, as the modules' pages show it. */
export type Settlement = MoneyMethod | "waived";

/** Append-only: a trigger refuses updates and deletes, except erasing the person and their reason. */
export interface LedgerEntriesTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  module: LedgerModule;
  record_type: RecordType;
  record_id: string;
  purpose: Purpose;
  kind: EntryKind;
  method: MoneyMethod | null;
  amount_cents: number;
  reason: string | null;
  description: string;
  member_id: string | null;
  recorded_by: string | null;
  stripe_payment_intent: string | null;
  stripe_refund: string | null;
  stripe_fee_cents: number | null;
  /** Which Stripe payout took it: filled once, days later (the ledger's one later change). */
  stripe_payout: ColumnType<string | null, string | null | undefined, string>;
  /** A waiver that a reduced tariff made: its reason is for coordinators only. */
  tariff: ColumnType<boolean, boolean | undefined, never>;
}

/** The desk's count of the cash box at the end of a day, against what the ledger expected. */
export interface CashCountsTable {
  id: Generated<string>;
  /** A calendar day, written as "YYYY-MM-DD"; read it with `day::text`. */
  day: ColumnType<Date | string, string, never>;
  expected_cents: number;
  counted_cents: number;
  note: string | null;
  counted_by: string | null;
  counted_at: ColumnType<Date, never, never>;
}

/** One line of an online payment: what part of the record it pays. */
export interface CheckoutLine {
  purpose: Purpose;
  amountCents: number;
  /** What the person's reduced tariff lets go of this line, and why (for the ledger's waiver). */
  tariff?: { waivedCents: number; reason: string };
}

/** A payment started online (a Stripe Checkout Session) for one record. */
export interface CheckoutSessionsTable {
  id: string;
  module: LedgerModule;
  record_type: RecordType;
  record_id: string;
  lines: ColumnType<CheckoutLine[], string, never>;
  total_cents: number;
  description: string;
  member_id: string | null;
  status: ColumnType<"open" | "paid" | "expired", "open" | undefined, "paid" | "expired">;
  payment_intent: string | null;
  created_at: ColumnType<Date, never, never>;
  paid_at: Date | null;
}

/** One difference between the ledger and Stripe's balance transactions. */
export interface StripeDifference {
  /** Stripe has it and the books do not; the books have it and Stripe does not; both, with other amounts. */
  kind: "not_in_books" | "not_at_stripe" | "amount_differs";
  /** The payment intent (a payment) or the refund id. */
  reference: string;
  stripeCents: number | null;
  ledgerCents: number | null;
}

/** The nightly comparison of the ledger with Stripe, one row per run. */
export interface StripeComparisonsTable {
  id: Generated<string>;
  ran_at: ColumnType<Date, never, never>;
  period_from: ColumnType<Date | string, string, never>;
  period_until: ColumnType<Date | string, string, never>;
  differences: ColumnType<StripeDifference[], string, never>;
}

/** A reduced tariff: the person pays this share of every amount, until the end date. */
export interface TariffsTable {
  member_id: string;
  pays_percent: number;
  reason: string;
  /** A calendar day, written as "YYYY-MM-DD"; read it with `ends_on::text`. */
  ends_on: ColumnType<Date | string, string, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}
