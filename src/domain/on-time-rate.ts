/**
 * The on-time rate an agency shows an auditor (HHS-OIG A-07-21-06102 found agencies could not tell
 * whether they had reported): which clocks belong to a reporting period, whom each counts against,
 * and the figures per clock kind and per caseworker. Pure: the clock rows, the assignment history
 * and `now` come in; nothing is read or stored here. What a clock row keeps for the report is
 * derived here (clockReportCopies) and summed from tallies (onTimeFigures).
 *
 * - A clock belongs to the period in which it started, on the agency's calendar.
 * - A clock counts against the caseworker assigned when it was met or, never met, at its deadline.
 * - A refusal by law enforcement is the law-enforcement clock's doneAt (src/domain/episode-clocks.ts),
 *   so a refusal recorded in time counts as met on time, like a report.
 * - The rate is over the clocks whose outcome is known: met (on time or late) or past their deadline
 *   unmet. A clock still running, not met and not yet due, is neither a success nor a failure yet; it
 *   is counted apart, as still running.
 */
import { CLOCK_KINDS, CLOCK_LABELS, clockState, type ClockFacts, type ClockKind } from "./clocks";
import { NOTICE_AUTHORITIES, NOTICE_RECIPIENTS } from "./code-sets";
import { calendarDateIn, parseCalendarDate, wallTimeToInstant } from "./zoned-time";

// ---------------------------------------------------------------------------------------------
// Reporting periods

/**
 * A federal reporting period, named as AFCARS names them: the fiscal year (which starts on
 * October 1 of the year before) and its half, A for October–March and B for April–September.
 * "2026A" is October 1, 2025 – March 31, 2026; "2026B" is April 1 – September 30, 2026.
 */
export type FederalPeriod = { fiscalYear: number; half: "A" | "B" };

export const FEDERAL_PERIOD_PATTERN = /^(\d{4})([AB])$/;
/** The fiscal years a period may name: wide enough for any record, narrow enough to refuse nonsense. */
export const FIRST_FISCAL_YEAR = 2000;
export const LAST_FISCAL_YEAR = 2100;

export function parseFederalPeriod(code: string): FederalPeriod | null {
  const match = FEDERAL_PERIOD_PATTERN.exec(code);
  if (!match) return null;
  const fiscalYear = Number(match[1]);
  if (fiscalYear < FIRST_FISCAL_YEAR || fiscalYear > LAST_FISCAL_YEAR) return null;
  return { fiscalYear, half: match[2] as "A" | "B" };
}

export const federalPeriodCode = (period: FederalPeriod) => `${period.fiscalYear}${period.half}`;

/** The calendar days of a period, both included. */
export function federalPeriodDates(period: FederalPeriod): DateRange {
  const year = period.fiscalYear;
  return period.half === "A" ? { from: `${year - 1}-10-01`, to: `${year}-03-31` } : { from: `${year}-04-01`, to: `${year}-09-30` };
}

/** The period an instant falls in, on the agency's calendar: 23:30 on March 31 in Los Angeles is still October–March. */
export function federalPeriodOf(instant: Date, timeZone: string): FederalPeriod {
  const [year, month] = calendarDateIn(instant, timeZone).split("-").map(Number) as [number, number];
  if (month >= 10) return { fiscalYear: year + 1, half: "A" };
  return { fiscalYear: year, half: month <= 3 ? "A" : "B" };
}

export function previousFederalPeriod(period: FederalPeriod): FederalPeriod {
  return period.half === "B" ? { fiscalYear: period.fiscalYear, half: "A" } : { fiscalYear: period.fiscalYear - 1, half: "B" };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-03-31" → "March 31, 2026". */
export function calendarDateText(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}

/** "October 2025 – March 2026 (fiscal year 2026, period A)". */
export function federalPeriodLabel(period: FederalPeriod): string {
  const { from, to } = federalPeriodDates(period);
  const monthYear = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return `${monthYear(from)} – ${monthYear(to)} (fiscal year ${period.fiscalYear}, period ${period.half})`;
}

// ---------------------------------------------------------------------------------------------
// Date ranges

/** Calendar days in the agency's zone, both included ("YYYY-MM-DD"). */
export type DateRange = { from: string; to: string };

/** A year and a day: a whole fiscal year fits, leap years too; longer ranges are asked as several. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** What is wrong with a range, in words, or null. */
export function dateRangeProblem(range: DateRange): string | null {
  if (!parseCalendarDate(range.from)) return "Enter the first day as a real date (YYYY-MM-DD).";
  if (!parseCalendarDate(range.to)) return "Enter the last day as a real date (YYYY-MM-DD).";
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (days < 1) return "The last day must be on or after the first day.";
  if (days > MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days; for longer, run one report per period.`;
  return null;
}

/**
 * The first instant of a calendar day in a zone. Where a daylight-saving change skips midnight
 * (the day starts at 01:00), the first minute that exists.
 */
export function startOfDay(date: string, timeZone: string): Date {
  for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
    const wall = `${date}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const result = wallTimeToInstant(wall, timeZone);
    if (result.ok) return result.instant;
  }
  throw new RangeError(`No time of ${date} exists in ${timeZone}`);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The instants a range covers: from the start of its first day to the start of the day after its last (excluded). */
export function rangeInstants(range: DateRange, timeZone: string): { start: Date; end: Date } {
  return { start: startOfDay(range.from, timeZone), end: startOfDay(nextDay(range.to), timeZone) };
}

// ---------------------------------------------------------------------------------------------
// Whom a clock counts against

export type Assignment = { episodeId: string; caseworkerId: string; fromAt: Date; untilAt: Date | null };

/**
 * The caseworker a clock counts against: the one assigned when it was met or, never met, at its
 * deadline (still running: the one assigned now, whose the deadline will be). A clock met before
 * the episode was opened in Homeward (a report made before the caseworker typed it in) counts
 * against the first caseworker. Without any history (records older than it), the episode's caseworker.
 */
export function creditedCaseworker(clock: { doneAt: Date | null; deadline: Date }, history: readonly Assignment[], currentCaseworkerId: string): string {
  if (history.length === 0) return currentCaseworkerId;
  const at = (clock.doneAt ?? clock.deadline).getTime();
  const ordered = [...history].sort((a, b) => a.fromAt.getTime() - b.fromAt.getTime());
  const covering = ordered.find((entry) => entry.fromAt.getTime() <= at && (entry.untilAt === null || at < entry.untilAt.getTime()));
  if (covering) return covering.caseworkerId;
  // Before the first assignment, the first; after the last one ended (never, while an episode has a current one), the last.
  return at < ordered[0]!.fromAt.getTime() ? ordered[0]!.caseworkerId : ordered.at(-1)!.caseworkerId;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** What became of a clock, as of `now`. Outstanding is overdue or still running. */
export const OUTCOMES = ["on-time", "late", "overdue", "running"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  "on-time": "On time",
  late: "Late",
  overdue: "Not met, overdue",
  running: "Not met, still running",
};

/**
 * What a clock row keeps for the report (decision 026), derived by syncEpisode() whenever the
 * episode changes: whom it counts against, whether it was met on time (null while not met), and
 * whether a law-enforcement clock was met by a documented refusal. None of them depends on `now`:
 * a clock never met counts against the caseworker assigned at its deadline, and only another
 * assignment (a change of the episode) changes that.
 */
export type ClockReportCopies = {
  creditedCaseworkerId: string;
  metOnTime: boolean | null;
  metByRefusal: boolean;
  /** A debrief clock's (a child's return's): see ReturnCopies. Null on every other clock. */
  returnScreened: boolean | null;
  victimReportedIn24h: boolean | null;
};

/** What is known of the episode that a clock's copies depend on. */
export type ClockReportContext = {
  history: readonly Assignment[];
  currentCaseworkerId: string;
  lawEnforcementRefused: boolean;
  /** Whether the episode has a trafficking screen recorded. */
  screened: boolean;
  /** The trafficking report's clock, when the child was identified as a victim. */
  traffickingClock: { startedAt: Date; doneAt: Date | null } | null;
};

export function clockReportCopies(clock: Pick<ClockFacts, "kind" | "subject" | "startedAt" | "deadline" | "doneAt" | "lateReason">, context: ClockReportContext): ClockReportCopies {
  const isReturn = clock.kind === "DEBRIEF";
  return {
    creditedCaseworkerId: creditedCaseworker(clock, context.history, context.currentCaseworkerId),
    // A met clock's outcome does not depend on the moment it is asked at.
    metOnTime: clock.doneAt ? outcomeOf(clock, clock.doneAt).outcome === "on-time" : null,
    metByRefusal: clock.kind === "LAW_ENFORCEMENT_REPORT" && context.lawEnforcementRefused,
    returnScreened: isReturn ? context.screened : null,
    victimReportedIn24h: isReturn && context.traffickingClock ? reportedWithin24Hours(context.traffickingClock) : null,
  };
}

/** Whether a clock not met has its deadline still ahead: the report's statements compare `"deadline" > now` to the same effect. */
export const deadlineAhead = (deadline: Date, now: Date) => deadline.getTime() > now.getTime();

/**
 * A clock's outcome from its copies: what outcomeOf() says of the clock itself. Not met, it is
 * still running while its deadline is ahead (an integration test holds the report's statements to
 * this).
 */
export function outcomeOfCopies(clock: { metOnTime: boolean | null; deadlineAhead: boolean }): Outcome {
  if (clock.metOnTime !== null) return clock.metOnTime ? "on-time" : "late";
  return clock.deadlineAhead ? "running" : "overdue";
}

/** A clock row of the period as a list shows it: its case, its instants and its copies. */
export type ReportClockRow = {
  episodeId: string;
  /** The agency's case number: exports name cases by it, never by the child's name. */
  caseNumber: string;
  kind: ClockKind;
  subject: string;
  startedAt: Date;
  deadline: Date;
  doneAt: Date | null;
  lateReason: string | null;
} & ClockReportCopies;

export type ReportClock = ReportClockRow & { outcome: Outcome; msLate: number | null };

export function reportClock(row: ReportClockRow, now: Date): ReportClock {
  return { ...row, outcome: outcomeOfCopies({ metOnTime: row.metOnTime, deadlineAhead: deadlineAhead(row.deadline, now) }), msLate: outcomeOf(row, now).msLate };
}

export type Figures = {
  /** Every clock that started in the period. */
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  running: number;
  /** Of those on time, the law-enforcement clocks met by a documented refusal. */
  metByRefusal: number;
  /** onTime / (due - running), or null while nothing has an outcome. */
  rate: number | null;
};

/** The outcome the case page shows for the same clock (clockState), in the report's words. */
export function outcomeOf(clock: Pick<ClockFacts, "kind" | "subject" | "startedAt" | "deadline" | "doneAt" | "lateReason">, now: Date): { outcome: Outcome; msLate: number | null } {
  const state = clockState({ ...clock, ruleHours: 0 }, now);
  const outcome: Outcome = state.state === "pending" ? "running" : state.state;
  return { outcome, msLate: state.msLate };
}

/** How many clocks of a kind, counted against one caseworker, came to one outcome: what the report's figures are summed from. */
export type ClockTally = { kind: ClockKind; caseworkerId: string; outcome: Outcome; metByRefusal: boolean; count: number };

export function figuresOf(tallies: readonly ClockTally[]): Figures {
  const sum = (of: (tally: ClockTally) => boolean) => tallies.reduce((total, tally) => (of(tally) ? total + tally.count : total), 0);
  const count = (outcome: Outcome) => sum((tally) => tally.outcome === outcome);
  const figures = { due: sum(() => true), onTime: count("on-time"), late: count("late"), overdue: count("overdue"), running: count("running") };
  const decided = figures.due - figures.running;
  return {
    ...figures,
    metByRefusal: sum((tally) => tally.metByRefusal && tally.outcome === "on-time"),
    rate: decided === 0 ? null : figures.onTime / decided,
  };
}

/** "87.5%", or words when nothing has an outcome yet. */
export function rateText(rate: number | null): string {
  if (rate === null) return "None due yet";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type KindFigures = { kind: ClockKind; label: string; figures: Figures };

export type OnTimeFigures = {
  /** Every kind with a clock in the period, in the clocks' own order; law enforcement and NCMEC always. */
  byKind: KindFigures[];
  total: Figures;
  /** Per caseworker counted against, in the order of their first tally (the report orders them by name). */
  byCaseworker: { caseworkerId: string; byKind: KindFigures[]; total: Figures }[];
};

/** The kinds shown even when none started: the two reports the law requires. */
const ALWAYS_SHOWN: readonly ClockKind[] = ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT"];

function byKind(tallies: readonly ClockTally[], always: readonly ClockKind[]): KindFigures[] {
  return CLOCK_KINDS.filter((kind) => always.includes(kind) || tallies.some((tally) => tally.kind === kind && tally.count > 0)).map((kind) => ({
    kind,
    label: CLOCK_LABELS[kind],
    figures: figuresOf(tallies.filter((tally) => tally.kind === kind)),
  }));
}

/** The figures of a period from the tallies of its clocks (already limited to the period and to episodes not voided). */
export function onTimeFigures(tallies: readonly ClockTally[]): OnTimeFigures {
  const counted = tallies.filter((tally) => tally.count > 0);
  const caseworkers = [...new Set(counted.map((tally) => tally.caseworkerId))];
  return {
    byKind: byKind(counted, ALWAYS_SHOWN),
    total: figuresOf(counted),
    byCaseworker: caseworkers.map((caseworkerId) => {
      const theirs = counted.filter((tally) => tally.caseworkerId === caseworkerId);
      return { caseworkerId, byKind: byKind(theirs, []), total: figuresOf(theirs) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Returned children and trafficking (42 U.S.C. 671(a)(34)(A) and (35)(A))

/** The federal limit for reporting an identified victim to law enforcement, whatever tighter rule the agency keeps. */
export const TRAFFICKING_REPORT_FEDERAL_HOURS = 24;

/**
 * A child returned in the period (the debrief clock starts at the recovery, so the period's debrief
 * clocks are its returns), whether a trafficking screen was recorded, and the trafficking report's
 * clock when the child was identified as a victim under the agency's rule (confirmed, or suspected
 * when the agency reports suspected victims too: see traffickingReportOwed).
 */
/** What a return's debrief clock keeps (ClockReportCopies): screened; reported within 24 hours, or null when not identified as a victim. */
export type ReturnCopies = { screened: boolean; victimReportedIn24h: boolean | null };

export const TRAFFICKING_FIGURES = ["returned", "screened", "not-screened", "victims", "reported-in-24h", "not-reported-in-24h"] as const;
export type TraffickingFigure = (typeof TRAFFICKING_FIGURES)[number];

export const TRAFFICKING_FIGURE_LABELS: Record<TraffickingFigure, string> = {
  returned: "Children returned",
  screened: "Screened for trafficking",
  "not-screened": "Not screened",
  victims: "Identified as trafficking victims",
  "reported-in-24h": "Victims reported to law enforcement within 24 hours",
  "not-reported-in-24h": "Victims not reported within 24 hours (late or not yet)",
};

/**
 * Which returns each figure counts, as conditions on the copies (the report's statements filter on
 * the same): screened or not, identified as a victim, reported within 24 hours or not.
 */
export const TRAFFICKING_FIGURE_RETURNS: Record<TraffickingFigure, { screened?: boolean; victim?: true; reportedIn24h?: boolean }> = {
  returned: {},
  screened: { screened: true },
  "not-screened": { screened: false },
  victims: { victim: true },
  "reported-in-24h": { victim: true, reportedIn24h: true },
  "not-reported-in-24h": { victim: true, reportedIn24h: false },
};

export function returnCounted(figure: TraffickingFigure, copies: ReturnCopies): boolean {
  const wanted = TRAFFICKING_FIGURE_RETURNS[figure];
  return (
    (wanted.screened === undefined || copies.screened === wanted.screened) &&
    (wanted.victim === undefined || copies.victimReportedIn24h !== null) &&
    (wanted.reportedIn24h === undefined || copies.victimReportedIn24h === wanted.reportedIn24h)
  );
}

const HOUR_MS = 60 * 60 * 1000;

/** A trafficking report made within the federal 24 hours of the agency learning the child is a victim. */
export function reportedWithin24Hours(clock: { startedAt: Date; doneAt: Date | null }): boolean {
  return clock.doneAt !== null && clock.doneAt.getTime() - clock.startedAt.getTime() <= TRAFFICKING_REPORT_FEDERAL_HOURS * HOUR_MS;
}

/** How many returns of the period have the same copies. */
export type ReturnTally = ReturnCopies & { count: number };

export function traffickingCounts(tallies: readonly ReturnTally[]): Record<TraffickingFigure, number> {
  return Object.fromEntries(
    TRAFFICKING_FIGURES.map((figure) => [figure, tallies.reduce((total, tally) => (returnCounted(figure, tally) ? total + tally.count : total), 0)]),
  ) as Record<TraffickingFigure, number>;
}

/** A return as the report lists it: its case, when the child came back, and the trafficking report's clock when identified as a victim. */
export type ReturnRow = {
  episodeId: string;
  caseNumber: string;
  recoveredAt: Date;
  screened: boolean;
  traffickingClock: { startedAt: Date; doneAt: Date | null } | null;
};

// ---------------------------------------------------------------------------------------------
// Words

const RECIPIENTS: readonly { code: string; label: string }[] = [...NOTICE_AUTHORITIES, ...NOTICE_RECIPIENTS];

/** Which of an episode's clocks of a kind it is, in words ("" when an episode has one of the kind). */
export function clockSubjectText(kind: ClockKind, subject: string): string {
  if (subject === "") return "";
  if (kind === "MISSING_NOTICE" || kind === "RETURN_NOTICE" || kind === "CANCEL_NOTICE") return RECIPIENTS.find((r) => r.code === subject)?.label ?? subject;
  if (kind === "SEARCH_REMINDER") return `reminder ${subject}`;
  // A lead's subject is the search activity's id: nothing to say in words.
  return "";
}

/** The kind and, when an episode has several, which one: "Notice: The court". */
export const clockName = (clock: { kind: ClockKind; subject: string }) => [CLOCK_LABELS[clock.kind], clockSubjectText(clock.kind, clock.subject)].filter(Boolean).join(": ");
