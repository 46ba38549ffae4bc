/**
 * Calendar days as the neighbourhood sees them: "YYYY-MM-DD" strings in Dutch time. Loans,
 * reminders and opening days are about days, not moments; keeping them as strings avoids a Date
 * shifting a day at midnight or with summer time.
 */
export const TIME_ZONE = "Europe/Amsterdam";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in the Netherlands. */
export function localToday(now: Date = new Date()): string {
  return dayFormat.format(now);
}

export const isoDayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether the text is a real calendar day (so not 2026-02-30) in a year this app can mean (2000 to
 * 2099; Postgres refuses year 0, and nobody plans a repair in 9999).
 */
export function isIsoDay(value: string): boolean {
  if (!isoDayPattern.test(value) || value < "2000-01-01" || value > "2099-12-31") return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday: 1 is Monday, 7 is Sunday (as in opening_hours). */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

// Made once: creating an Intl formatter is slow compared with using one.
const dayFormats = {
  nl: new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
};

/** "donderdag 3 december" or "Thursday 3 December". */
export function formatDay(day: string, lang: "nl" | "en"): string {
  return dayFormats[lang].format(new Date(`${day}T00:00:00Z`));
}
