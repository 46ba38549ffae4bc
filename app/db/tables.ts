import type { ActivityTables } from "~/modules/activities/tables";
import type { HomeJobTables } from "~/modules/home-jobs/tables";
import type { KitchenTables } from "~/modules/kitchen/tables";
import type { PaymentTables } from "~/modules/payments/tables";
import type { RepairCafeTables } from "~/modules/repair-cafe/tables";
import type { RepairTables } from "~/modules/repairs/tables";
import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the shared `platform` schema. */
export interface PlatformTables {
  tenants: TenantsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  outbox: OutboxTable;
  rate_limits: RateLimitsTable;
  account_tokens: AccountTokensTable;
  account_neighbourhoods: { account_id: string; tenant_id: string };
  form_submissions: FormSubmissionsTable;
  stripe_accounts: StripeAccountsTable;
  stripe_events: StripeEventsTable;
}

/** A neighbourhood's connected Stripe account and what Stripe last said it may do. */
export interface StripeAccountsTable {
  tenant_id: string;
  account_id: string;
  details_submitted: ColumnType<boolean, boolean | undefined, boolean>;
  charges_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  payouts_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  application_fee_bps: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A Stripe webhook event, kept once by its id; handled_at says it was acted on. */
export interface StripeEventsTable {
  id: string;
  type: string;
  account_id: string | null;
  payload: ColumnType<unknown, string, never>;
  received_at: ColumnType<Date, never, never>;
  handled_at: Date | null;
}

export interface FormSubmissionsTable {
  key: Uint8Array;
  created_at: ColumnType<Date, never, never>;
  finished_at: Date | null;
  location: string | null;
}

export interface AccountTokensTable {
  token_hash: Uint8Array;
  account_id: string;
  purpose: "password_reset" | "email_verification";
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  attempts: number;
}

export interface OutboxTable {
  id: Generated<string>;
  tenant_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: ColumnType<Date, never, never>;
  send_after: ColumnType<Date, Date | undefined, Date>;
  sent_at: Date | null;
  attempts: ColumnType<number, never, number>;
  last_error: string | null;
}

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  disabled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  password_changed_at: Date | null;
  email_verified_at: ColumnType<Date | null, never, Date | null>;
}

export type AccountRow = Selectable<AccountsTable>;

export interface SessionsTable {
  id: string;
  secret_hash: Uint8Array;
  account_id: string;
  tenant_id: string | null;
  user_agent: string | null;
  created_at: ColumnType<Date, never, never>;
  last_used_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  absolute_expires_at: Date;
}

export type TenantStatus = "provisioning" | "active" | "suspended";

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  municipality: string | null;
  province: string | null;
  custom_domain: string | null;
  status: Generated<TenantStatus>;
  /** Name of the newest tenant migration applied to this tenant's schema. */
  schema_version: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type TenantRow = Selectable<TenantsTable>;

/** Tables inside every neighbourhood's own schema. */
export interface TenantTables extends RepairTables, RepairCafeTables, HomeJobTables, ActivityTables, KitchenTables, PaymentTables {
  audit_log: AuditLogTable;
  invitations: InvitationsTable;
  members: MembersTable;
  profile: ProfileTable;
  opening_hours: OpeningHoursTable;
  offerings: OfferingsTable;
  tools: ToolsTable;
  tool_photos: ToolPhotosTable;
  loans: LoansTable;
  tool_maintenance: ToolMaintenanceTable;
  lending_rules: LendingRulesTable;
  lending_blocks: LendingBlocksTable;
}

export interface ProfileTable {
  id: ColumnType<1, 1 | undefined, never>;
  tagline: string | null;
  description: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  logo_key: ColumnType<string | null, string | null | undefined, string | null>;
  accent_colour: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface OpeningHoursTable {
  id: Generated<number>;
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  opens: string;
  closes: string;
  note: string | null;
}

export const offeringKinds = [
  "tool_library",
  "repairs",
  "home_jobs",
  "kitchen",
  "activities",
  "learning_work",
  "advice",
] as const;
export type OfferingKind = (typeof offeringKinds)[number];

export interface OfferingsTable {
  kind: OfferingKind;
  description: string | null;
  position: number;
}

export const roles = ["coordinator", "volunteer", "resident"] as const;
export type Role = (typeof roles)[number];

export interface MembersTable {
  id: Generated<string>;
  account_id: string | null;
  name: string;
  role: Role;
  phone: string | null;
  address: string | null;
  notes: string | null;
  privacy_accepted_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type MemberRow = Selectable<MembersTable>;

export interface InvitationsTable {
  id: Generated<string>;
  email: string;
  role: Role;
  token_hash: Uint8Array;
  invited_by: string | null;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  accepted_at: Date | null;
}

export const auditActions = [
  "login",
  "member_registered",
  // Through an invitation; someone who signs up at /aanmelden is "member_signed_up".
  "member_joined",
  "member_signed_up",
  "role_changed",
  "data_exported",
  "member_deleted",
  // A volunteer opened someone's address, phone or notes (details.what says where).
  "personal_data_viewed",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_member_id: string | null;
  action: AuditAction;
  subject_member_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export const toolConditions = ["good", "fair", "poor"] as const;
export type ToolCondition = (typeof toolConditions)[number];
export const toolStatuses = ["available", "in_repair", "retired"] as const;
export type ToolStatus = (typeof toolStatuses)[number];

export interface ToolsTable {
  id: Generated<string>;
  number: Generated<number>;
  name: string;
  category: string;
  description: string | null;
  condition: ToolCondition;
  location: string | null;
  deposit_cents: number | null;
  fee_cents: number | null;
  max_loan_days: number;
  safety_notes: string | null;
  needs_instruction: boolean;
  status: ColumnType<ToolStatus, ToolStatus | undefined, ToolStatus>;
  search: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type ToolRow = Selectable<ToolsTable>;

export interface ToolPhotosTable {
  id: Generated<string>;
  tool_id: string;
  storage_key: string;
  created_at: ColumnType<Date, never, never>;
}

export const loanStatuses = ["reserved", "on_loan", "returned", "cancelled"] as const;
export type LoanStatus = (typeof loanStatuses)[number];
export type Payment = "cash" | "waived";

export interface LoansTable {
  id: Generated<string>;
  tool_id: string;
  member_id: string | null;
  status: LoanStatus;
  /** A Postgres daterange, "[start,due+1)"; read it with lower()/upper(). */
  period: string;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
  checked_out_at: Date | null;
  checked_out_by: string | null;
  condition_out: string | null;
  returned_at: Date | null;
  returned_by: string | null;
  condition_in: string | null;
  deposit_cents: number | null;
  fee_cents: number | null;
  cancelled_at: Date | null;
  due_reminder_sent_at: Date | null;
  overdue_reminder_sent_at: Date | null;
}

export const maintenanceKinds = ["note", "to_repair", "repaired", "retired"] as const;
export type MaintenanceKind = (typeof maintenanceKinds)[number];

export interface ToolMaintenanceTable {
  id: Generated<string>;
  tool_id: string;
  at: ColumnType<Date, never, never>;
  member_id: string | null;
  kind: MaintenanceKind;
  note: string | null;
}

export interface LendingRulesTable {
  id: ColumnType<1, 1 | undefined, never>;
  max_open_loans: number;
}

export interface LendingBlocksTable {
  member_id: string;
  reason: string;
  blocked_at: ColumnType<Date, never, never>;
  blocked_by: string | null;
}
