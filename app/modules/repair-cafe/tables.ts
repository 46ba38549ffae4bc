import type { ColumnType, Generated } from "kysely";

/** Tables of the repair café module inside every neighbourhood's schema (see db/migrations/tenant/0009_repair_cafe.ts). */
export interface RepairCafeTables {
  repair_cafe_sessions: RepairCafeSessionsTable;
  repair_cafe_slots: RepairCafeSlotsTable;
  repair_cafe_bookings: RepairCafeBookingsTable;
}

/** Days are read and written as "YYYY-MM-DD" (cast with ::text), times as "HH:MM". */
export interface RepairCafeSessionsTable {
  id: Generated<string>;
  day: string;
  starts_at: string;
  ends_at: string;
  slot_minutes: number;
  places: number;
  location: string | null;
  description: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
}

export interface RepairCafeSlotsTable {
  id: Generated<string>;
  session_id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
}

export interface RepairCafeBookingsTable {
  id: Generated<string>;
  slot_id: string;
  session_id: string;
  member_id: string;
  repair_id: string | null;
  place_no: number;
  created_at: ColumnType<Date, never, never>;
}
