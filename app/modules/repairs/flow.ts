import { messages } from "~/i18n/messages";
import type { RepairKind, RepairStatus } from "./tables";

// Shared by the server and the pages (so not a .server module).

// The status flow, in one place.

export const repairTransitions: Record<RepairStatus, readonly RepairStatus[]> = {
  registered: ["planned", "in_progress", "cancelled"],
  planned: ["registered", "in_progress", "cancelled"],
  in_progress: ["waiting_for_parts", "done", "planned"],
  waiting_for_parts: ["in_progress", "cancelled"],
  done: ["collected"],
  collected: [],
  // The item never came, or the resident no longer wants it repaired.
  cancelled: [],
};

export const canMove = (from: RepairStatus, to: RepairStatus) => repairTransitions[from].includes(to);

/** The statuses of repairs that are still being worked on (or waiting to be). */
export const openStatuses = ["registered", "planned", "in_progress", "waiting_for_parts"] as const satisfies readonly RepairStatus[];

/** What the repair is called in texts: "Fiets (Gazelle)". */
export function itemName(kind: RepairKind, brand: string | null, lang: "nl" | "en" = "nl") {
  const label = messages[lang].repairs.kinds[kind];
  return brand ? `${label} (${brand})` : label;
}

