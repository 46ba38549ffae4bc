import rrulePackage, { type Weekday } from "rrule";
import { z } from "zod";
import { isIsoDay, isoWeekday } from "~/dates";
import { frequencies } from "./tables";

// rrule's main file is CommonJS that Node's ESM loader cannot read named exports from; its default
// export (module.exports) works in Node, tsx, vitest and the Remix server build alike.
const { Frequency, RRule } = rrulePackage;

/**
 * When an activity takes place: a first day, a start and end time, and how it repeats (once, every
 * week, every two weeks, or every month on the same weekday, such as "every second Tuesday").
 *
 * The repetition is kept as an iCalendar RRULE (the `rrule` library writes and reads it), so the
 * agenda feed and other calendars understand it as it is. The rule counts calendar days only: the
 * times stay wall-clock times in Dutch time, so a walk at 19:00 is at 19:00 before and after the
 * change to winter time. The moment in UTC is worked out by Postgres (`AT TIME ZONE`), not here.
 */

/** More dates than this in one series is a typing mistake, not a plan (two years of weekly walks). */
export const MAX_DATES = 104;


const day = (error: string) => z.string({ error }).trim().refine(isIsoDay, error);
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string({ error: "activity_time_invalid" }).trim().regex(timePattern, "activity_time_invalid");

export const scheduleSchema = z
  .object({
    firstDay: day("date_invalid"),
    start: time,
    end: time,
    frequency: z.enum(frequencies, { error: "activity_frequency_invalid" }),
    // Only asked for a repeating activity; an empty field means "not filled in".
    untilDay: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || isIsoDay(value), "date_invalid"),
  })
  .superRefine((form, context) => {
    const timesValid = timePattern.test(form.start) && timePattern.test(form.end);
    if (timesValid && form.end <= form.start) context.addIssue({ code: "custom", path: ["end"], message: "activity_end_before_start" });
    // Zod goes on after a field's own check failed; a wrong day has its message already.
    if (form.frequency === "once" || !isIsoDay(form.firstDay) || (form.untilDay && !isIsoDay(form.untilDay))) return;
    if (form.untilDay === undefined) {
      context.addIssue({ code: "custom", path: ["untilDay"], message: "activity_until_missing" });
    } else if (form.untilDay < form.firstDay) {
      context.addIssue({ code: "custom", path: ["untilDay"], message: "activity_until_before_first" });
    } else if (scheduleDays(scheduleRule(form)).length > MAX_DATES) {
      context.addIssue({ code: "custom", path: ["untilDay"], message: "activity_too_many_dates" });
    }
  });
export type ScheduleInput = z.output<typeof scheduleSchema>;

// The rule works on "floating" days: a UTC midnight stands for the calendar day, whatever the zone.
const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const rruleWeekdays = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

/**
 * "The second Tuesday" for 2026-12-08. A day in the last seven days of its month is "the last
 * Tuesday" rather than "the fifth", because not every month has a fifth Tuesday.
 */
function weekdayInMonth(day: string): Weekday {
  const nth = Math.ceil(Number(day.slice(8, 10)) / 7);
  return rruleWeekdays[isoWeekday(day) - 1]!.nth(nth === 5 ? -1 : nth);
}

/** The iCalendar rule for a schedule, e.g. "DTSTART:20261208T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=…". */
export function scheduleRule(input: Pick<ScheduleInput, "firstDay" | "frequency" | "untilDay">): string {
  const dtstart = dateOf(input.firstDay);
  const until = dateOf(input.untilDay ?? input.firstDay);
  const options = {
    once: { freq: Frequency.DAILY, count: 1 },
    weekly: { freq: Frequency.WEEKLY, interval: 1, until },
    biweekly: { freq: Frequency.WEEKLY, interval: 2, until },
    monthly: { freq: Frequency.MONTHLY, interval: 1, until, byweekday: [weekdayInMonth(input.firstDay)] },
  }[input.frequency];
  return new RRule({ dtstart, ...options }).toString();
}

/** The calendar days of a stored rule, in order; never more than MAX_DATES + 1 (enough to say "too many"). */
export function scheduleDays(rule: string): string[] {
  return RRule.fromString(rule)
    .all((_, index) => index <= MAX_DATES)
    .map(dayOf);
}
