/**
 * Every deadline an episode's facts start, derived in one place (DESIGN.md, "Clocks"): the two
 * reports, the notices on the agency's list, the NCIC record's update, each search lead, the
 * recurring search reminder, the return notices, the debrief, the trafficking report and, for an
 * episode that ends without a recovery, the cancellation of the reports. Pure and independent of
 * `now`: syncEpisode() writes exactly these rows; their state follows from `now` when read.
 */
import { FEDERAL_CLOCK_HOURS, REPORT_CLOCK_KINDS, deadlineAfter, type ClockFacts, type ClockKind, type ReportClockKind } from "./clocks";
import { NOTICE_AUTHORITIES, NOTICE_RECIPIENTS, type EpisodeNoticeEvent, type EpisodeNoticeRecipient } from "./code-sets";
import type { EpisodeFacts, NoticeRecord } from "./episode-facts";
import type { NoticeHours } from "./notice-rules";

const DAY_HOURS = 24;

/** Law enforcement must update the NCIC record within 30 days of entry (34 U.S.C. 41308): the records are asked for by day 25. */
export const NCIC_RECORDS_UPDATE_HOURS = 25 * DAY_HOURS;

/** The agency's rules for new clocks (its settings), with the product's defaults. */
export type AgencyClockRules = {
  reportHours: Record<ReportClockKind, number>;
  /** The agency's notice list, per event, with each recipient's hours. */
  missingNotices: NoticeHours;
  returnNotices: NoticeHours;
  /** Telling law enforcement and NCMEC of a return, or asking them to cancel their reports. */
  returnNoticeHours: number;
  debriefHours: number;
  leadHours: number;
  longTermMissingDays: number;
  searchReminder: { everyDays: number; forDays: number } | null;
  traffickingReportHours: number;
  traffickingClockForSuspected: boolean;
};

export const DEFAULT_AGENCY_RULES: AgencyClockRules = {
  reportHours: FEDERAL_CLOCK_HOURS,
  missingNotices: {},
  returnNotices: {},
  returnNoticeHours: 24,
  debriefHours: 72,
  leadHours: 24,
  longTermMissingDays: 30,
  searchReminder: null,
  traffickingReportHours: 24,
  traffickingClockForSuspected: false,
};

/**
 * The hours each existing clock row started with, by clockKey(): a clock keeps the rule it started
 * with, so an agency that changes its rules changes new clocks only. The notice list of an event is
 * taken once, when its first clock starts: a recipient added later does not join a running episode.
 */
export type ClockRules = { started: Readonly<Record<string, number>>; agency: AgencyClockRules };

export const FEDERAL_RULES: ClockRules = { started: {}, agency: DEFAULT_AGENCY_RULES };

export const clockKey = (kind: ClockKind, subject: string) => `${kind}/${subject}`;

/** The clock rows that say an event's notice list was taken (the event's clocks exist). */
const LIST_STARTED_BY: Record<"MISSING" | "RETURN", ClockKind[]> = {
  MISSING: [...REPORT_CLOCK_KINDS],
  RETURN: ["RETURN_NOTICE", "DEBRIEF"],
};

function listStarted(rules: ClockRules, event: "MISSING" | "RETURN"): boolean {
  return Object.keys(rules.started).some((key) => LIST_STARTED_BY[event].some((kind) => key.startsWith(`${kind}/`)));
}

type DeriveFacts = Pick<
  EpisodeFacts,
  "missingEvent" | "lawEnforcement" | "ncmec" | "notices" | "ncicRecordsSentAt" | "searchActivities" | "recovery" | "debrief" | "determination" | "traffickingReport" | "ended" | "voided"
>;

/** When the child stopped being missing: located, recovered or the episode ended, whichever came first. */
export function foundAt(facts: Pick<EpisodeFacts, "recovery" | "ended">): Date | null {
  const instants = [facts.recovery?.locatedAt, facts.recovery?.recoveredAt, facts.ended?.endedAt].filter((at): at is Date => at instanceof Date);
  return instants.length === 0 ? null : new Date(Math.min(...instants.map((at) => at.getTime())));
}

/** Whether the trafficking report to law enforcement is owed, by the determination and the agency's rule. */
export function traffickingReportOwed(facts: Pick<EpisodeFacts, "determination">, rules: ClockRules): boolean {
  const finding = facts.determination?.sex;
  return finding === "CONFIRMED" || (finding === "SUSPECTED" && rules.agency.traffickingClockForSuspected);
}

export function deriveClocks(facts: DeriveFacts, rules: ClockRules): ClockFacts[] {
  const event = facts.missingEvent;
  // An episode entered in error is left out of everything: it keeps no clock.
  if (!event || facts.voided) return [];
  const hoursOf = (kind: ClockKind, subject: string, fallback: number) => rules.started[clockKey(kind, subject)] ?? fallback;
  const clock = (kind: ClockKind, subject: string, startedAt: Date, fallbackHours: number, done: { doneAt: Date | null; lateReason: string | null } | null): ClockFacts => {
    const ruleHours = hoursOf(kind, subject, fallbackHours);
    return { kind, subject, startedAt, ruleHours, deadline: deadlineAfter(startedAt, ruleHours), doneAt: done?.doneAt ?? null, lateReason: done?.lateReason ?? null };
  };
  const found = foundAt(facts);
  // A task the child's return made moot is dropped, unless it was done or already overdue when the child was found.
  const keepUnlessMoot = (c: ClockFacts) => c.doneAt !== null || found === null || found.getTime() > c.deadline.getTime();

  const reportDone: Record<ReportClockKind, { doneAt: Date; lateReason: string | null } | null> = {
    LAW_ENFORCEMENT_REPORT: facts.lawEnforcement ? { doneAt: facts.lawEnforcement.reportedAt, lateReason: facts.lawEnforcement.lateReason } : null,
    NCMEC_REPORT: facts.ncmec ? { doneAt: facts.ncmec.reportedAt, lateReason: facts.ncmec.lateReason } : null,
  };
  const reports = REPORT_CLOCK_KINDS.map((kind) => clock(kind, "", event.discoveredAt, rules.agency.reportHours[kind], reportDone[kind]));

  const missingNotices = listNotices(facts.notices, "MISSING", listStarted(rules, "MISSING") ? startedList(rules, "MISSING_NOTICE") : rules.agency.missingNotices).map(
    ({ recipient, hours, done }) => clock("MISSING_NOTICE", recipient, event.discoveredAt, hours, done),
  );

  const le = facts.lawEnforcement;
  const ncic =
    le?.outcome === "REPORTED" && le.ncicEnteredAt
      ? [clock("NCIC_RECORDS_UPDATE", "", le.ncicEnteredAt, NCIC_RECORDS_UPDATE_HOURS, facts.ncicRecordsSentAt ? { doneAt: facts.ncicRecordsSentAt, lateReason: null } : null)].filter(keepUnlessMoot)
      : [];

  const leads = facts.searchActivities
    .filter((activity) => activity.isLead)
    .map((activity) => clock("LEAD_TO_LAW_ENFORCEMENT", activity.id, activity.at, rules.agency.leadHours, activity.leadPassedAt ? { doneAt: activity.leadPassedAt, lateReason: activity.leadLateReason } : null))
    .filter(keepUnlessMoot);

  const reminders = searchReminders(facts, rules, event.discoveredAt, found);

  const recovery = facts.recovery;
  const afterReturn: ClockFacts[] = [];
  if (recovery?.recoveredAt) {
    const known = recovery.knownAt ?? recovery.recoveredAt;
    const returnList = listStarted(rules, "RETURN") ? startedList(rules, "RETURN_NOTICE") : { ...authorities(rules.agency.returnNoticeHours), ...rules.agency.returnNotices };
    for (const { recipient, hours, done } of listNotices(facts.notices, "RETURN", returnList)) afterReturn.push(clock("RETURN_NOTICE", recipient, known, hours, done));
    const debrief = facts.debrief?.completedAt ? { doneAt: facts.debrief.completedAt, lateReason: null } : null;
    afterReturn.push(clock("DEBRIEF", "", recovery.recoveredAt, rules.agency.debriefHours, debrief));
  }

  const determination = facts.determination;
  const trafficking =
    traffickingReportOwed(facts, rules) && determination?.informationReceivedAt
      ? [
          clock(
            "TRAFFICKING_REPORT",
            "",
            determination.informationReceivedAt,
            rules.agency.traffickingReportHours,
            facts.traffickingReport ? { doneAt: facts.traffickingReport.reportedAt, lateReason: facts.traffickingReport.lateReason } : null,
          ),
        ]
      : [];

  const ended = facts.ended;
  const cancels = ended
    ? listNotices(facts.notices, "CANCEL", authorities(rules.agency.returnNoticeHours)).map(({ recipient, hours, done }) => clock("CANCEL_NOTICE", recipient, ended.endedAt, hours, done))
    : [];

  return [...reports, ...missingNotices, ...ncic, ...leads, ...reminders, ...afterReturn, ...trafficking, ...cancels];
}

const authorities = (hours: number): Partial<Record<EpisodeNoticeRecipient, number>> => Object.fromEntries(NOTICE_AUTHORITIES.map(({ code }) => [code, hours]));

/** The recipients of the notice clocks of one kind that already exist, with their hours. */
function startedList(rules: ClockRules, kind: ClockKind): Partial<Record<EpisodeNoticeRecipient, number>> {
  const prefix = `${kind}/`;
  return Object.fromEntries(Object.entries(rules.started).flatMap(([key, hours]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), hours]] : [])));
}

/** One entry per recipient on a list, in the code sets' order (the authorities first), with what was recorded. */
function listNotices(notices: readonly NoticeRecord[], event: EpisodeNoticeEvent, list: Partial<Record<EpisodeNoticeRecipient, number>>) {
  return [...NOTICE_AUTHORITIES, ...NOTICE_RECIPIENTS].flatMap(({ code }) => {
    const hours = list[code];
    if (hours === undefined) return [];
    const record = notices.find((notice) => notice.event === event && notice.recipient === code);
    // Not applicable counts as met, at the moment it was marked; a late reason belongs only to one sent late.
    const done = record ? { doneAt: record.sentAt ?? record.recordedAt, lateReason: record.sentAt ? record.note : null } : null;
    return [{ recipient: code, hours, done }];
  });
}

/**
 * The recurring search reminder: occurrence n runs from the end of occurrence n-1 (the first from
 * discovery) for the agency's interval, up to the agency's span; it is met by the first search
 * activity at or after its start. Occurrences that start once the child is found are dropped.
 */
function searchReminders(facts: Pick<DeriveFacts, "searchActivities">, rules: ClockRules, discoveredAt: Date, found: Date | null): ClockFacts[] {
  const startedCount = Object.keys(startedList(rules, "SEARCH_REMINDER")).length;
  const schedule = rules.agency.searchReminder;
  const count = startedCount > 0 ? startedCount : schedule ? Math.floor(schedule.forDays / schedule.everyDays) : 0;
  const clocks: ClockFacts[] = [];
  let startedAt = discoveredAt;
  for (let n = 1; n <= count; n += 1) {
    if (found && startedAt.getTime() >= found.getTime()) break;
    const subject = String(n);
    const ruleHours = rules.started[clockKey("SEARCH_REMINDER", subject)] ?? (schedule?.everyDays ?? 7) * DAY_HOURS;
    const deadline = deadlineAfter(startedAt, ruleHours);
    const first = facts.searchActivities.find((activity) => activity.at.getTime() >= startedAt.getTime());
    clocks.push({ kind: "SEARCH_REMINDER", subject, startedAt, ruleHours, deadline, doneAt: first?.at ?? null, lateReason: null });
    startedAt = deadline;
  }
  return clocks;
}

/** The earliest deadline of the clocks not met yet (overdue ones included), as the dashboard orders by it; null when none runs. */
export function earliestUnmetDeadline(clocks: readonly Pick<ClockFacts, "deadline" | "doneAt">[]): Date | null {
  const unmet = clocks.filter((clock) => clock.doneAt === null).map((clock) => clock.deadline.getTime());
  return unmet.length === 0 ? null : new Date(Math.min(...unmet));
}
