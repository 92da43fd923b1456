/**
 * The bounds of the agency's rules for what follows a report (its settings), the same as the
 * database's CHECK constraints on Agency: a return or cancellation notice and a lead within a week;
 * a debrief within 30 days (federal law sets no limit); the long-term checklist after at most a
 * year; a trafficking report within the federal 24 hours at most (42 U.S.C. 671(a)(34)(A)); a
 * search reminder every 1 to 30 days, for at least one interval and at most a year.
 */
export type RuleBounds = { min: number; max: number; unit: "hours" | "days"; why?: string };

export const AFTER_REPORT_RULE_BOUNDS = {
  returnNoticeHours: { min: 1, max: 168, unit: "hours", why: "a week" },
  debriefHours: { min: 1, max: 720, unit: "hours", why: "30 days" },
  leadHours: { min: 1, max: 168, unit: "hours", why: "a week" },
  longTermMissingDays: { min: 1, max: 365, unit: "days", why: "a year" },
  traffickingReportHours: { min: 1, max: 24, unit: "hours", why: "federal law allows at most 24" },
  searchReminderEveryDays: { min: 1, max: 30, unit: "days" },
  searchReminderForDays: { min: 1, max: 365, unit: "days", why: "a year" },
} as const satisfies Record<string, RuleBounds>;

/** The agency's own screening instruments: a short list of names, each on one line. */
export const MAX_SCREENING_INSTRUMENTS = 20;
export const MAX_INSTRUMENT_NAME = 100;

/** A whole number within the bounds, or what is wrong in words. */
export function ruleValueProblem(value: number, bounds: RuleBounds): string | null {
  if (!Number.isInteger(value)) return `Enter a whole number of ${bounds.unit}.`;
  if (value < bounds.min || value > bounds.max) return `Enter between ${bounds.min} and ${bounds.max} ${bounds.unit}${bounds.why ? ` (${bounds.why})` : ""}.`;
  return null;
}

/** The recurring search reminder: off (both empty), or every so many days for at least one interval. */
export function searchReminderProblem(everyDays: number | null, forDays: number | null): { field: "searchReminderEveryDays" | "searchReminderForDays"; message: string } | null {
  if (everyDays === null && forDays === null) return null;
  if (everyDays === null) return { field: "searchReminderEveryDays", message: "Enter how often to remind, or turn the reminder off." };
  if (forDays === null) return { field: "searchReminderForDays", message: "Enter for how many days to remind, or turn the reminder off." };
  if (forDays < everyDays) return { field: "searchReminderForDays", message: `Remind for at least one interval: ${everyDays} days or more.` };
  return null;
}
