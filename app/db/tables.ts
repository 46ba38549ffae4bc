import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the shared `platform` schema. */
export interface PlatformTables {
  tenants: TenantsTable;
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
