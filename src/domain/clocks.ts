/**
 * Every deadline is a clock (DESIGN.md, "Clocks"): what it is about, when it started, the hours it
 * started with, when it was met and the reason when it was late. Its state is worked out from those
 * instants and `now`, never stored.
 */
import { formatDuration } from "./durations";

/** The two reports the law requires; each runs on the agency's hours, never looser than the federal 24. */
export const REPORT_CLOCK_KINDS = ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT"] as const;
export type ReportClockKind = (typeof REPORT_CLOCK_KINDS)[number];

/**
 * Every kind of clock. Several of a kind on one episode are told apart by their subject: the
 * recipient of a notice, the search activity of a lead, the number of a search reminder.
 */
export const CLOCK_KINDS = [
  ...REPORT_CLOCK_KINDS,
  "MISSING_NOTICE",
  "NCIC_RECORDS_UPDATE",
  "LEAD_TO_LAW_ENFORCEMENT",
  "SEARCH_REMINDER",
  "RETURN_NOTICE",
  "DEBRIEF",
  "TRAFFICKING_REPORT",
  "CANCEL_NOTICE",
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const CLOCK_LABELS: Record<ClockKind, string> = {
  LAW_ENFORCEMENT_REPORT: "Law enforcement",
  NCMEC_REPORT: "NCMEC",
  MISSING_NOTICE: "Notice",
  NCIC_RECORDS_UPDATE: "Records for the NCIC update",
  LEAD_TO_LAW_ENFORCEMENT: "Lead passed to law enforcement",
  SEARCH_REMINDER: "Search",
  RETURN_NOTICE: "Return notice",
  DEBRIEF: "Return debrief",
  TRAFFICKING_REPORT: "Trafficking report to law enforcement",
  CANCEL_NOTICE: "Report cancelled",
};

/** The federal rule: both reports within 24 hours (42 U.S.C. 671(a)(35)(B)). An agency may be stricter. */
export const FEDERAL_CLOCK_HOURS: Record<ReportClockKind, number> = { LAW_ENFORCEMENT_REPORT: 24, NCMEC_REPORT: 24 };

/** The tightest a reporting clock can be set: a whole hour. */
export const MIN_REPORT_CLOCK_HOURS = 1;

/**
 * An agency's hours for a reporting clock: whole hours, tighter than the federal 24 if it wants
 * (Missouri asks for 2), never looser. Null when acceptable, else what is wrong in words.
 */
export function reportClockHoursProblem(hours: number, kind: ReportClockKind): string | null {
  const federal = FEDERAL_CLOCK_HOURS[kind];
  if (!Number.isInteger(hours)) return "Enter a whole number of hours.";
  if (hours < MIN_REPORT_CLOCK_HOURS) return `Enter at least ${MIN_REPORT_CLOCK_HOURS} hour.`;
  if (hours > federal) return `Federal law allows at most ${federal} hours; enter ${federal} or fewer.`;
  return null;
}

const HOUR_MS = 60 * 60 * 1000;

export type ClockFacts = {
  kind: ClockKind;
  /** What the clock is about within the episode, when an episode can have several of a kind; "" otherwise. */
  subject: string;
  startedAt: Date;
  /** The hours the clock started with: a later change of the agency's rule does not move it. */
  ruleHours: number;
  deadline: Date;
  doneAt: Date | null;
  lateReason: string | null;
};

/** An instant, not "the same wall-clock time tomorrow": across a DST change the local time shifts. */
export function deadlineAfter(startedAt: Date, hours: number): Date {
  return new Date(startedAt.getTime() + hours * HOUR_MS);
}

export type ClockState = "pending" | "overdue" | "on-time" | "late";

export type Clock = ClockFacts & {
  state: ClockState;
  /** Only while pending: how long is left. */
  msRemaining: number | null;
  /** Only when overdue (so far) or late (by how much it was late). */
  msLate: number | null;
};

/** Met exactly at the deadline is on time; a clock not met is overdue from the deadline on. */
export function clockState(clock: ClockFacts, now: Date): Clock {
  const base = { ...clock, msRemaining: null, msLate: null };
  if (clock.doneAt) {
    const msAfterDeadline = clock.doneAt.getTime() - clock.deadline.getTime();
    return msAfterDeadline > 0 ? { ...base, state: "late", msLate: msAfterDeadline } : { ...base, state: "on-time" };
  }
  const msLeft = clock.deadline.getTime() - now.getTime();
  // now - deadline rather than -msLeft: exactly at the deadline that would be -0.
  return msLeft > 0 ? { ...base, state: "pending", msRemaining: msLeft } : { ...base, state: "overdue", msLate: now.getTime() - clock.deadline.getTime() };
}

/** What meeting a clock is, in words: "reported", "told", "done". */
const MET_WORD: Record<ClockKind, { not: string; done: string }> = {
  LAW_ENFORCEMENT_REPORT: { not: "Not reported yet", done: "Reported" },
  NCMEC_REPORT: { not: "Not reported yet", done: "Reported" },
  MISSING_NOTICE: { not: "Not told yet", done: "Told" },
  NCIC_RECORDS_UPDATE: { not: "Not sent yet", done: "Sent" },
  LEAD_TO_LAW_ENFORCEMENT: { not: "Not passed on yet", done: "Passed on" },
  SEARCH_REMINDER: { not: "No search recorded yet", done: "Searched" },
  RETURN_NOTICE: { not: "Not told yet", done: "Told" },
  DEBRIEF: { not: "Not done yet", done: "Done" },
  TRAFFICKING_REPORT: { not: "Not reported yet", done: "Reported" },
  CANCEL_NOTICE: { not: "Not asked yet", done: "Asked" },
};

/** One clock in words: the time left or how late, never colour alone. */
export function clockText(clock: Clock): string {
  const words = MET_WORD[clock.kind];
  switch (clock.state) {
    case "pending":
      return `${words.not}: ${formatDuration(clock.msRemaining ?? 0)} left`;
    case "overdue":
      return `${words.not.replace(/ yet$/, "")} and overdue by ${formatDuration(clock.msLate ?? 0)}`;
    case "on-time":
      return `${words.done} on time`;
    case "late":
      return `${words.done} ${formatDuration(clock.msLate ?? 0)} late`;
  }
}
