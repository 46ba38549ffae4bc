import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the repairs module inside every neighbourhood's schema (see db/migrations/tenant/0007_repairs.ts). */
export interface RepairTables {
  repairs: RepairsTable;
  repair_fixers: { repair_id: string; member_id: string };
  repair_parts: RepairPartsTable;
  repair_photos: RepairPhotosTable;
}

export const repairKinds = ["bicycle", "appliance", "textile", "furniture", "other"] as const;
export type RepairKind = (typeof repairKinds)[number];
export const repairStatuses = ["registered", "planned", "in_progress", "waiting_for_parts", "done", "collected", "cancelled"] as const;
export type RepairStatus = (typeof repairStatuses)[number];
export const repairOutcomes = ["repaired", "advice_given", "not_repairable"] as const;
export type RepairOutcome = (typeof repairOutcomes)[number];

export interface RepairsTable {
  id: Generated<string>;
  number: Generated<number>;
  member_id: string | null;
  kind: RepairKind;
  brand: string | null;
  fault: string;
  learn_myself: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<RepairStatus, RepairStatus | undefined, RepairStatus>;
  /** A calendar day, read and written as "YYYY-MM-DD" (see app/dates.ts). */
  planned_on: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: RepairOutcome | null;
  product_category: string | null;
  repair_barrier: string | null;
  year_of_manufacture: number | null;
  problem: string | null;
  contribution_cents: number | null;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  done_at: Date | null;
  collected_at: Date | null;
}

export type RepairRow = Selectable<RepairsTable>;

export interface RepairPartsTable {
  id: Generated<string>;
  repair_id: string;
  description: string;
  cost_cents: number;
  added_at: ColumnType<Date, never, never>;
}

export interface RepairPhotosTable {
  id: Generated<string>;
  repair_id: string;
  storage_key: string;
  created_at: ColumnType<Date, never, never>;
}
