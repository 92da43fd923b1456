/**
 * When a running clock reminds people, and whom (issue 14): the assigned caseworker when half and
 * when three quarters of its time has passed; at the deadline an overdue notice to the caseworker
 * and their team's supervisors; still overdue a set time later, an escalation to the on-call list as
 * well. Pure: the clock's instants, the agency's thresholds and `now` in, the one reminder to send
 * out. The sweeper sends it under a key of clock, threshold and person, so it goes out once.
 */
import type { ClockFacts } from "./clocks";

export const REMINDER_THRESHOLDS = ["half", "three-quarters", "deadline", "escalation"] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Who is told at a threshold. Later thresholds tell everyone the earlier ones told, so sending only the latest leaves nobody out. */
export type ReminderAudience = "caseworker" | "team-supervisors" | "on-call";

export const REMINDER_AUDIENCE: Record<ReminderThreshold, readonly ReminderAudience[]> = {
  half: ["caseworker"],
  "three-quarters": ["caseworker"],
  deadline: ["caseworker", "team-supervisors"],
  escalation: ["caseworker", "team-supervisors", "on-call"],
};

/** An agency's thresholds: fractions of the clock's time, and how long after the deadline to escalate. */
export type ReminderSettings = { halfFraction: number; threeQuartersFraction: number; escalateAfterMs: number };

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { halfFraction: 0.5, threeQuartersFraction: 0.75, escalateAfterMs: 2 * 60 * 60 * 1000 };

export type ScheduledReminder = { threshold: ReminderThreshold; at: Date };

/**
 * Every threshold of a clock as an instant, in order. Fractions are of elapsed time between the
 * start and the deadline (instants, so a DST change moves the wall-clock time, not the instant).
 */
export function reminderSchedule(clock: Pick<ClockFacts, "startedAt" | "deadline">, settings: ReminderSettings): ScheduledReminder[] {
  const start = clock.startedAt.getTime();
  const span = clock.deadline.getTime() - start;
  return [
    { threshold: "half", at: new Date(start + span * settings.halfFraction) },
    { threshold: "three-quarters", at: new Date(start + span * settings.threeQuartersFraction) },
    { threshold: "deadline", at: clock.deadline },
    { threshold: "escalation", at: new Date(clock.deadline.getTime() + settings.escalateAfterMs) },
  ];
}

/**
 * The reminder to send for a clock at `now`: the latest threshold already reached, or null when
 * none is reached or the clock is met (a clock met early cancels its own reminders). A clock that
 * starts with thresholds already behind it (a discovery entered hours late), or a sweep that comes
 * late, sends only the latest: an older reminder would say less than the newer one and say it late.
 */
export function reminderDue(clock: Pick<ClockFacts, "startedAt" | "deadline" | "doneAt">, settings: ReminderSettings, now: Date): ScheduledReminder | null {
  if (clock.doneAt !== null) return null;
  const reached = reminderSchedule(clock, settings).filter((reminder) => reminder.at.getTime() <= now.getTime());
  return reached.at(-1) ?? null;
}

/**
 * The bounds of the agency's reminder settings, the form's and the server's: the first reminder
 * before the second, both before the deadline; the escalation at least 15 minutes after it (the
 * sweep runs every minute, and a shorter wait would tell the on-call list before the caseworker
 * had a chance to record a report made at the deadline) and at most a day.
 */
export const REMINDER_SETTING_BOUNDS = {
  reminderFirstPercent: { min: 10, max: 90 },
  reminderSecondPercent: { min: 20, max: 95 },
  escalationMinutes: { min: 15, max: 1440 },
} as const;

export type ReminderSettingColumns = { reminderFirstPercent: number; reminderSecondPercent: number; escalationMinutes: number };

/** What is wrong with the agency's reminder settings, by field, in words; empty when nothing is. */
export function reminderSettingsProblems(values: ReminderSettingColumns): Partial<Record<keyof ReminderSettingColumns, string>> {
  const problems: Partial<Record<keyof ReminderSettingColumns, string>> = {};
  const { reminderFirstPercent: first, reminderSecondPercent: second, escalationMinutes } = values;
  const bounds = REMINDER_SETTING_BOUNDS;
  if (!Number.isInteger(first)) problems.reminderFirstPercent = "Enter a whole number of percent.";
  else if (first < bounds.reminderFirstPercent.min || first > bounds.reminderFirstPercent.max)
    problems.reminderFirstPercent = `Enter between ${bounds.reminderFirstPercent.min} and ${bounds.reminderFirstPercent.max} percent.`;
  if (!Number.isInteger(second)) problems.reminderSecondPercent = "Enter a whole number of percent.";
  else if (second < bounds.reminderSecondPercent.min || second > bounds.reminderSecondPercent.max)
    problems.reminderSecondPercent = `Enter between ${bounds.reminderSecondPercent.min} and ${bounds.reminderSecondPercent.max} percent.`;
  else if (problems.reminderFirstPercent === undefined && second <= first)
    problems.reminderSecondPercent = `Remind the second time later than the first: more than ${first} percent.`;
  if (!Number.isInteger(escalationMinutes)) problems.escalationMinutes = "Enter a whole number of minutes.";
  else if (escalationMinutes < bounds.escalationMinutes.min || escalationMinutes > bounds.escalationMinutes.max)
    problems.escalationMinutes = `Enter between ${bounds.escalationMinutes.min} and ${bounds.escalationMinutes.max} minutes (a day).`;
  return problems;
}

/** The agency's columns as the schedule takes them: percentages as fractions, minutes as milliseconds. */
export function reminderSettingsOf(columns: ReminderSettingColumns): ReminderSettings {
  return {
    halfFraction: columns.reminderFirstPercent / 100,
    threeQuartersFraction: columns.reminderSecondPercent / 100,
    escalateAfterMs: columns.escalationMinutes * 60 * 1000,
  };
}
