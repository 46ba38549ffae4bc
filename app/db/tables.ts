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
export interface TenantTables {
  audit_log: AuditLogTable;
  invitations: InvitationsTable;
  members: MembersTable;
  profile: ProfileTable;
  opening_hours: OpeningHoursTable;
  offerings: OfferingsTable;
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

export const auditActions = ["login", "member_registered", "member_joined", "role_changed", "data_exported", "member_deleted"] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_member_id: string | null;
  action: AuditAction;
  subject_member_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}
