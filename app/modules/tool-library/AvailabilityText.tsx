import { formatDay } from "~/dates";
import type { LoanStatus, ToolStatus } from "~/db/tables";
import { useLanguage } from "~/i18n/use-messages";

/**
 * Whether a tool is free today, in words, with a mark that does not rely on colour alone (hidden
 * from screen readers, which read the words). `today` comes from the loader, so server and browser
 * render the same.
 */
export function AvailabilityText(props: { status: ToolStatus; busyStatus: LoanStatus | null; busyUntil: string | null; today: string }) {
  const { t, lang } = useLanguage();
  const c = t.toolLibrary.catalog;
  if (props.status === "in_repair") return <span className="availability busy"><span aria-hidden="true">✗</span> {c.inRepair}</span>;
  if (props.busyStatus && props.busyUntil) {
    if (props.busyStatus === "on_loan" && props.busyUntil < props.today) return <span className="availability busy"><span aria-hidden="true">✗</span> {c.outOverdue}</span>;
    const day = formatDay(props.busyUntil, lang);
    return <span className="availability busy"><span aria-hidden="true">✗</span> {props.busyStatus === "on_loan" ? c.busyUntil(day) : c.reservedToday(day)}</span>;
  }
  return <span className="availability free"><span aria-hidden="true">✓</span> {c.freeNow}</span>;
}
