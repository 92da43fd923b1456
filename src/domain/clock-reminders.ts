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
