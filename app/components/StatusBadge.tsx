import type { ReactNode } from "react";

/**
 * The colour family of a loan, repair or home-job status. The badge always shows the status in
 * words too; the colour only helps to scan a list.
 */
const toneOf: Record<string, "progress" | "waiting" | "done" | "stopped"> = {
  on_loan: "progress",
  planned: "progress",
  in_progress: "progress",
  estimated: "progress",
  estimate_accepted: "progress",
  scheduled: "progress",
  waiting_for_parts: "waiting",
  returned: "done",
  done: "done",
  collected: "done",
  closed: "done",
  cancelled: "stopped",
  declined: "stopped",
};

/** A status as a small coloured label; statuses not listed (just registered, reserved, …) stay neutral. */
export function StatusBadge({ status, children }: { status: string; children: ReactNode }) {
  const tone = toneOf[status];
  return <span className={tone ? `badge badge-${tone}` : "badge"}>{children}</span>;
}
