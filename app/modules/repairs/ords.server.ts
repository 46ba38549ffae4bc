import type { TenantDb } from "~/db/accessors.server";
import { csvLine, plainText } from "~/csv";
import { localToday } from "~/dates";
import { defaultOrdsCategory, ordsCategoryId, ordsRepairStatus, partnerCategory } from "./ords";


export const ordsColumns = [
  "id",
  "data_provider",
  "country",
  "partner_product_category",
  "product_category",
  "product_category_id",
  "brand",
  "year_of_manufacture",
  "product_age",
  "repair_status",
  "repair_barrier_if_end_of_life",
  "group_identifier",
  "event_date",
  "problem",
  "record_date",
] as const;

/**
 * The finished repairs of one neighbourhood in the Open Repair Data Standard, as CSV. Nothing in it
 * names a person: the id is the neighbourhood plus the repair's number, "problem" is what the fixer
 * wrote at closing (not the resident's own description).
 */
export async function ordsCsv(db: TenantDb, group: string): Promise<string> {
  const rows = await db
    .selectFrom("repairs")
    .select(["number", "kind", "brand", "year_of_manufacture", "outcome", "product_category", "repair_barrier", "problem", "done_at", "updated_at"])
    .where("status", "in", ["done", "collected"])
    .where("outcome", "is not", null)
    .orderBy("number")
    .execute();
  let csv = csvLine([...ordsColumns]);
  for (const row of rows) {
    const eventDate = localToday(row.done_at ?? row.updated_at);
    const category = row.product_category ?? defaultOrdsCategory[row.kind];
    const age = row.year_of_manufacture ? Number(eventDate.slice(0, 4)) - row.year_of_manufacture : null;
    csv += csvLine([
      `${group}-${row.number}`,
      "Wijkplaats",
      "NLD",
      partnerCategory[row.kind],
      category,
      ordsCategoryId(category),
      plainText(row.brand),
      row.year_of_manufacture,
      age !== null && age >= 0 ? age : null,
      ordsRepairStatus[row.outcome!],
      row.outcome === "not_repairable" ? row.repair_barrier : null,
      group,
      eventDate,
      plainText(row.problem),
      localToday(row.updated_at),
    ]);
  }
  return csv;
}

