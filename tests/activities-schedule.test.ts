import { describe, expect, it } from "vitest";
import { MAX_DATES, scheduleDays, scheduleRule, scheduleSchema } from "~/modules/activities/schedule";

const days = (input: Parameters<typeof scheduleRule>[0]) => scheduleDays(scheduleRule(input));
const parse = (form: Record<string, string>) => scheduleSchema.safeParse({ start: "19:00", end: "20:30", ...form });
const errorsOf = (form: Record<string, string>) => {
  const result = parse(form);
  // The first message of each field, as parseForm shows it.
  return result.success ? {} : Object.fromEntries(result.error.issues.reverse().map((issue) => [String(issue.path[0]), issue.message]));
};

describe("activity schedules", () => {
  it("a one-off activity has exactly its own day", () => {
    expect(days({ firstDay: "2026-12-10", frequency: "once", untilDay: "2027-06-01" })).toEqual(["2026-12-10"]);
  });

  it("a weekly walk keeps its weekday through the change to winter time and summer time", () => {
    // 25 October 2026 and 28 March 2027 are the Sundays the clocks change in the Netherlands.
    const autumn = days({ firstDay: "2026-10-15", frequency: "weekly", untilDay: "2026-11-05" });
    expect(autumn).toEqual(["2026-10-15", "2026-10-22", "2026-10-29", "2026-11-05"]);
    const spring = days({ firstDay: "2027-03-21", frequency: "weekly", untilDay: "2027-04-04" });
    expect(spring).toEqual(["2027-03-21", "2027-03-28", "2027-04-04"]);
  });

  it("every two weeks skips a week and stops on the last day", () => {
    expect(days({ firstDay: "2026-12-01", frequency: "biweekly", untilDay: "2027-01-12" })).toEqual([
      "2026-12-01",
      "2026-12-15",
      "2026-12-29",
      "2027-01-12",
    ]);
  });

  it("monthly means the same weekday of the month, like every second Tuesday", () => {
    expect(days({ firstDay: "2026-12-08", frequency: "monthly", untilDay: "2027-03-31" })).toEqual([
      "2026-12-08",
      "2027-01-12",
      "2027-02-09",
      "2027-03-09",
    ]);
  });

  it("a fifth weekday becomes the last one, so no month is skipped", () => {
    // 29 December 2026 is the fifth Tuesday; February 2027 has only four.
    expect(days({ firstDay: "2026-12-29", frequency: "monthly", untilDay: "2027-02-28" })).toEqual([
      "2026-12-29",
      "2027-01-26",
      "2027-02-23",
    ]);
  });

  it("the stored rule is plain iCalendar that reads back to the same days", () => {
    const rule = scheduleRule({ firstDay: "2026-12-08", frequency: "monthly", untilDay: "2027-02-28" });
    expect(rule).toContain("RRULE:FREQ=MONTHLY");
    expect(rule).toContain("BYDAY=+2TU");
    expect(scheduleDays(rule)).toEqual(["2026-12-08", "2027-01-12", "2027-02-09"]);
  });

  it("accepts a sensible series", () => {
    expect(parse({ firstDay: "2026-12-03", frequency: "weekly", untilDay: "2027-06-24" }).success).toBe(true);
    expect(parse({ firstDay: "2026-12-03", frequency: "once", untilDay: "" }).success).toBe(true);
  });

  it("refuses an end time before the start", () => {
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "once", start: "14:00", end: "13:00" })).toEqual({ end: "activity_end_before_start" });
  });

  it("refuses a series without an end, or ending before it starts", () => {
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "weekly", untilDay: "" })).toEqual({ untilDay: "activity_until_missing" });
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "weekly", untilDay: "2026-11-03" })).toEqual({ untilDay: "activity_until_before_first" });
  });

  it("refuses 100,000 dates without working them all out", () => {
    expect(errorsOf({ firstDay: "2000-01-01", frequency: "weekly", untilDay: "2099-12-31" })).toEqual({ untilDay: "activity_too_many_dates" });
    expect(days({ firstDay: "2000-01-01", frequency: "weekly", untilDay: "2099-12-31" })).toHaveLength(MAX_DATES + 1);
    const twoYears = days({ firstDay: "2026-01-01", frequency: "weekly", untilDay: "2027-12-23" });
    expect(twoYears).toHaveLength(MAX_DATES);
    expect(parse({ firstDay: "2026-01-01", frequency: "weekly", untilDay: "2027-12-23" }).success).toBe(true);
  });

  it("refuses days outside 2000 to 2099, days that do not exist, and unknown repeats", () => {
    expect(errorsOf({ firstDay: "1999-12-31", frequency: "once" })).toEqual({ firstDay: "date_invalid" });
    expect(errorsOf({ firstDay: "2100-01-01", frequency: "once" })).toEqual({ firstDay: "date_invalid" });
    expect(errorsOf({ firstDay: "2026-02-30", frequency: "once" })).toEqual({ firstDay: "date_invalid" });
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "weekly", untilDay: "2100-01-01" })).toEqual({ untilDay: "date_invalid" });
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "daily" })).toEqual({ frequency: "activity_frequency_invalid" });
    expect(errorsOf({ firstDay: "2026-12-03", frequency: "once", start: "25:00" })).toEqual({ start: "activity_time_invalid" });
  });
});
