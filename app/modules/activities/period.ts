import { addDays, isIsoDay, isoWeekday } from "~/dates";

// Client-safe: the agenda page works out its links to the weeks and months around it from this.

export const periods = ["week", "maand"] as const;
export type Period = (typeof periods)[number];

/** A week (Monday to Sunday) or a calendar month around `day`, with the days just before and after it. */
export function agendaPeriod(kind: Period, day: string | undefined, today: string) {
  const around = day && isIsoDay(day) ? day : today;
  if (kind === "week") {
    const from = addDays(around, 1 - isoWeekday(around));
    const to = addDays(from, 6);
    return { kind, from, to, previous: addDays(from, -7), next: addDays(from, 7), current: from <= today && today <= to };
  }
  const from = `${around.slice(0, 8)}01`;
  const next = nextMonth(from);
  const to = addDays(next, -1);
  return { kind, from, to, previous: `${addDays(from, -1).slice(0, 8)}01`, next, current: from <= today && today <= to };
}

const nextMonth = (first: string) => `${addDays(first, 31).slice(0, 8)}01`;
