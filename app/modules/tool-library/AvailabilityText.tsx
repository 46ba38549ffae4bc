import { formatDay, localToday } from "~/dates";
import type { LoanStatus, ToolStatus } from "~/db/tables";
import { useLanguage } from "~/i18n/use-messages";

/** Whether a tool is free today, in words, with a marker that does not rely on colour alone. */
export function AvailabilityText(props: { status: ToolStatus; busyStatus: LoanStatus | null; busyUntil: string | null }) {
  const { t, lang } = useLanguage();
  const c = t.toolLibrary.catalog;
  if (props.status === "in_repair") return <span className="availability busy">✗ {c.inRepair}</span>;
  if (props.busyStatus && props.busyUntil) {
    if (props.busyStatus === "on_loan" && props.busyUntil < localToday()) return <span className="availability busy">✗ {c.outOverdue}</span>;
    const day = formatDay(props.busyUntil, lang);
    return <span className="availability busy">✗ {props.busyStatus === "on_loan" ? c.busyUntil(day) : c.reservedToday(day)}</span>;
  }
  return <span className="availability free">✓ {c.freeNow}</span>;
}
