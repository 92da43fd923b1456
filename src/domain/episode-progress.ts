/**
 * Everything the application asks about an episode's progress, answered in one place from its
 * facts and `now`: each step's status and why it is locked, what NCMEC's list still lacks, whether
 * the report can be submitted, whether a packet is final, which clocks run, and the stage. Pages,
 * route handlers, use cases, the packet and the lists read this; none works any of it out again.
 * After the report: the search, the return, the debrief, the trafficking report and the closure
 * (src/domain/episode-closure.ts says what closing needs), and the supervisor's review of the
 * submitted report (src/domain/episode-review.ts), which nothing waits for.
 */
import { clockState, type Clock, type ClockFacts, type ClockKind } from "./clocks";
import type { Amendment, EpisodeFacts, LongTermItemDone, SearchActivity } from "./episode-facts";
import { FEDERAL_RULES, deriveClocks, foundAt, traffickingReportOwed, type ClockRules } from "./episode-clocks";
import { closureOf, debriefGaps, type ClosureProgress } from "./episode-closure";
import { reviewOf, type ReviewProgress } from "./episode-review";
import { LONG_TERM_ITEMS, type EpisodeNoticeEvent, type LongTermItemCodeValue } from "./code-sets";
import { ncmecGaps, type ChecklistGap } from "./ncmec-checklist";
import { ageOn, checkLawEnforcementReport, checkNcmecReport, type RuleViolation } from "./reporting-rules";
import { FORM_STEP_KEYS, PACKET_STEP_KEYS, STEPS, stepTitle, type FormStepKey, type StepKey } from "./steps";
import { calendarDateIn } from "./zoned-time";
import { isEpisodeNoticeRecipient, isNoticeAuthority, notApplicableReasonsFor, recipientLabel, type NoticeProgress } from "./notice-rules";

export const STAGES = [
  "awaiting-law-enforcement",
  "awaiting-ncmec",
  "ready-to-submit",
  "reported",
  "located",
  "recovered",
  "debrief-due",
  "awaiting-sign-off",
  "closed",
  "ended-without-recovery",
  "voided",
] as const;
export type EpisodeStage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<EpisodeStage, string> = {
  "awaiting-law-enforcement": "Waiting for the law-enforcement report",
  "awaiting-ncmec": "Waiting for the NCMEC report",
  "ready-to-submit": "Ready to submit",
  reported: "Missing (reported)",
  located: "Located",
  recovered: "Recovered",
  "debrief-due": "Recovered, debrief due",
  "awaiting-sign-off": "Awaiting sign-off",
  closed: "Closed",
  "ended-without-recovery": "Ended without recovery",
  voided: "Voided (entered in error)",
};

export type StepStatus = "completed" | "available" | "not-started" | "locked";

/** Why a step cannot be saved now, in words a caseworker can act on. */
export type StepBlock =
  | { code: "LAW_ENFORCEMENT_FIRST"; message: string }
  | { code: "STEP_ORDER"; message: string; missingSteps: FormStepKey[] };

export type StepProgress = { status: StepStatus; canOpen: boolean; block: StepBlock | null };

export type SubmitBlock = { code: "ALREADY_SUBMITTED" | "INCOMPLETE" | "RECORDED_REPORT"; message: string; missingSteps: FormStepKey[] };

/** A lead from the search and its clock for being passed to law enforcement. */
export type LeadProgress = { activity: SearchActivity; clock: Clock };

export type LongTermProgress = {
  /** From when the checklist applies (the agency's number of days after discovery). */
  appliesFrom: Date;
  items: { item: LongTermItemCodeValue; label: string; done: LongTermItemDone | null }[];
};

export type EpisodeProgress = {
  stage: EpisodeStage;
  /** A closed or voided episode can no longer be changed. */
  editable: boolean;
  /** The child is still missing: not located, recovered, or the episode ended. */
  missing: boolean;
  steps: Record<StepKey, StepProgress>;
  /** Where "continue the report" goes: the first step not saved, else the review. */
  nextStep: StepKey;
  unsavedSteps: FormStepKey[];
  ncmecGaps: ChecklistGap[];
  submit: { allowed: boolean; block: SubmitBlock | null };
  packet: { status: "final" | "draft"; missingItems: string[] };
  clocks: Clock[];
  /** Who must be told the child is missing: each notice's clock and what was recorded, in the code set's order. */
  notices: NoticeProgress[];
  /** Law enforcement, NCMEC and the agency's list told of the return. */
  returnNotices: NoticeProgress[];
  /** Law enforcement and NCMEC asked to cancel their reports (an episode ended without a recovery). */
  cancelNotices: NoticeProgress[];
  leads: LeadProgress[];
  /** The recurring search reminder's occurrences, when the agency has one. */
  searchReminders: Clock[];
  /** The records for law enforcement's 30-day NCIC update, once the entry's time is known. */
  ncicUpdate: Clock | null;
  /** The long-term missing checklist, once the child has been missing the agency's number of days. */
  longTerm: LongTermProgress | null;
  /** Recovered before both reports were made: they are still due. */
  reportsDueAfterRecovery: boolean;
  debrief: { clock: Clock | null; done: boolean; gaps: string[] };
  /** The trafficking report to law enforcement, when the determination calls for one. */
  trafficking: { owed: boolean; clock: Clock | null };
  closure: ClosureProgress;
  /** A supervisor's review of the submitted report; the reports to law enforcement and NCMEC never wait for it. */
  review: ReviewProgress;
  /** Changes since submission not yet sent to NCMEC and law enforcement: the caseworker is asked to send them. */
  unsentAmendments: Amendment[];
  /** Derived facts the lists filter by, kept as columns. */
  ageAtMissing: number | null;
  endangered: boolean;
  /** The exploitation risk answered "yes", a screen with a concern, or a suspected or confirmed victim. */
  traffickingConcern: boolean;
};

export type ProgressFacts = Omit<EpisodeFacts, "id" | "agencyId" | "version" | "stepVersions" | "createdAt" | "prefill" | "earlierRecoveries">;

/** A closed or voided episode can no longer be changed; asked alone where the rest of the progress is not needed (a draft's save). */
export function isEditable(state: { closedAt: Date | null; voidedAt: Date | null }): boolean {
  return state.closedAt === null && state.voidedAt === null;
}

export function episodeProgress(facts: ProgressFacts, now: Date, rules: ClockRules = FEDERAL_RULES): EpisodeProgress {
  const saved = (key: FormStepKey) => facts.savedSteps.includes(key);
  const unsavedSteps = FORM_STEP_KEYS.filter((key) => !saved(key));
  const clocks = deriveClocks(facts, rules).map((clock) => clockState(clock, now));
  const found = foundAt(facts);
  const ofKind = (kind: ClockKind) => clocks.filter((clock) => clock.kind === kind);
  const debriefClock = clockOfKind(clocks, "DEBRIEF");
  const gaps = debriefGaps(facts);
  const checklistGaps = ncmecGaps(facts);
  const packetUnsaved = PACKET_STEP_KEYS.filter((key) => !saved(key));
  const submitBlock = submitBlockOf(facts, unsavedSteps, clocks, now);
  return {
    stage: stageOf(facts),
    editable: isEditable({ closedAt: facts.closedAt, voidedAt: facts.voided?.voidedAt ?? null }),
    missing: found === null,
    steps: stepsOf(facts),
    nextStep: unsavedSteps[0] ?? "review",
    unsavedSteps,
    ncmecGaps: checklistGaps,
    submit: { allowed: submitBlock === null, block: submitBlock },
    packet: {
      status: packetUnsaved.length === 0 ? "final" : "draft",
      missingItems: [...packetUnsaved.map((key) => `Step not completed: ${stepTitle(key)}`), ...checklistGaps.map((gap) => gap.item)],
    },
    clocks,
    notices: noticesOf(facts, clocks, "MISSING_NOTICE", "MISSING"),
    returnNotices: noticesOf(facts, clocks, "RETURN_NOTICE", "RETURN"),
    cancelNotices: noticesOf(facts, clocks, "CANCEL_NOTICE", "CANCEL"),
    leads: ofKind("LEAD_TO_LAW_ENFORCEMENT").flatMap((clock) => {
      const activity = facts.searchActivities.find((candidate) => candidate.id === clock.subject);
      return activity ? [{ activity, clock }] : [];
    }),
    searchReminders: ofKind("SEARCH_REMINDER"),
    ncicUpdate: clockOfKind(clocks, "NCIC_RECORDS_UPDATE"),
    longTerm: longTermOf(facts, found, now, rules),
    reportsDueAfterRecovery: facts.recovery?.recoveredAt != null && (!facts.lawEnforcement || !facts.ncmec),
    debrief: { clock: debriefClock, done: debriefClock?.doneAt != null, gaps },
    trafficking: { owed: traffickingReportOwed(facts, rules), clock: clockOfKind(clocks, "TRAFFICKING_REPORT") },
    closure: closureOf(facts, clocks, rules),
    review: reviewOf(facts),
    unsentAmendments: facts.amendments.filter((amendment) => amendment.sentAt === null),
    ageAtMissing: facts.missingEvent ? ageOn(facts.child.dateOfBirth, calendarDateIn(facts.missingEvent.lastSeenAt, facts.timeZone)) : null,
    endangered: facts.risks !== null && Object.values(facts.risks).some((risk) => risk.present === true),
    traffickingConcern: traffickingConcernOf(facts),
  };
}

function traffickingConcernOf(facts: Pick<ProgressFacts, "risks" | "screens" | "determination">): boolean {
  if (facts.risks?.sexualExploitation.present === true) return true;
  if (facts.screens.some((screen) => screen.result !== "NONE")) return true;
  return facts.determination !== null && (facts.determination.sex !== "NOT_A_VICTIM" || facts.determination.labor !== "NOT_A_VICTIM");
}

/** Never stored as a verdict: the stage follows from the facts every time (the column is a copy for lists). */
function stageOf(facts: ProgressFacts): EpisodeStage {
  if (facts.voided) return "voided";
  // An episode that ended without a recovery waits for sign-off like any other (the supervisors' filter finds it).
  if (facts.closure?.status === "REQUESTED" && !facts.closedAt) return "awaiting-sign-off";
  if (facts.ended) return "ended-without-recovery";
  if (facts.closedAt) return "closed";
  if (facts.recovery?.recoveredAt) return facts.debrief?.completedAt ? "recovered" : "debrief-due";
  if (facts.recovery?.locatedAt) return "located";
  if (facts.submittedAt) return "reported";
  // An NCMEC report without a law-enforcement one (the rules forbid it) still waits for law enforcement.
  if (!facts.lawEnforcement) return "awaiting-law-enforcement";
  if (!facts.ncmec) return "awaiting-ncmec";
  return "ready-to-submit";
}

function stepsOf(facts: ProgressFacts): Record<StepKey, StepProgress> {
  const firstUnsaved = FORM_STEP_KEYS.find((key) => !facts.savedSteps.includes(key));
  const entry = (key: StepKey): StepProgress => {
    if (key === "review") return { status: "available", canOpen: true, block: null };
    // Law enforcement first is the law; it is said before the order of the form.
    if (key === "ncmec" && !facts.lawEnforcement) {
      return {
        status: "locked",
        canOpen: false,
        block: { code: "LAW_ENFORCEMENT_FIRST", message: "Record the report to law enforcement (or its refusal) before the report to NCMEC." },
      };
    }
    if (facts.savedSteps.includes(key)) return { status: "completed", canOpen: true, block: null };
    const missingSteps = FORM_STEP_KEYS.slice(0, FORM_STEP_KEYS.indexOf(key)).filter((earlier) => !facts.savedSteps.includes(earlier));
    if (missingSteps.length > 0) {
      return {
        status: "not-started",
        canOpen: false,
        block: { code: "STEP_ORDER", message: `Complete these steps first: ${missingSteps.map(stepTitle).join(", ")}.`, missingSteps },
      };
    }
    return { status: key === firstUnsaved ? "available" : "not-started", canOpen: true, block: null };
  };
  return Object.fromEntries(STEPS.map((step) => [step.key, entry(step.key)])) as Record<StepKey, StepProgress>;
}

function submitBlockOf(facts: ProgressFacts, unsavedSteps: FormStepKey[], clocks: Clock[], now: Date): SubmitBlock | null {
  if (facts.submittedAt) return { code: "ALREADY_SUBMITTED", message: "This report was already submitted.", missingSteps: [] };
  if (unsavedSteps.length > 0 || !facts.lawEnforcement || !facts.ncmec) {
    return { code: "INCOMPLETE", message: `Complete these steps before submitting: ${unsavedSteps.map(stepTitle).join(", ")}.`, missingSteps: unsavedSteps };
  }
  const problem = recordedReportProblems(facts, clocks, now)[0];
  return problem ? { code: "RECORDED_REPORT", message: problem.message, missingSteps: [] } : null;
}

/** The notice clocks of one kind with what was recorded for each: sent (on time or late) or not applicable. */
function noticesOf(facts: Pick<ProgressFacts, "notices">, clocks: readonly Clock[], kind: ClockKind, event: EpisodeNoticeEvent): NoticeProgress[] {
  return clocks.flatMap((clock): NoticeProgress[] => {
    const recipient = clock.subject;
    if (clock.kind !== kind || !isEpisodeNoticeRecipient(recipient)) return [];
    const record = facts.notices.find((notice) => notice.event === event && notice.recipient === recipient) ?? null;
    // The law asks for the authorities' notices whatever the child: they are never "not applicable".
    const reasons = isNoticeAuthority(recipient) ? [] : notApplicableReasonsFor(recipient);
    return [{ recipient, event, label: recipientLabel(recipient), clock, state: record?.notApplicableReason ? "not-applicable" : clock.state, record, reasons }];
  });
}

/** The long-term checklist, from the agency's number of days after discovery while the child is still missing. */
function longTermOf(facts: Pick<ProgressFacts, "missingEvent" | "longTermItems">, found: Date | null, now: Date, rules: ClockRules): LongTermProgress | null {
  const event = facts.missingEvent;
  if (!event) return null;
  const appliesFrom = new Date(event.discoveredAt.getTime() + rules.agency.longTermMissingDays * 24 * 3_600_000);
  const missingSince = found ?? now;
  if (missingSince.getTime() < appliesFrom.getTime()) return null;
  return {
    appliesFrom,
    items: LONG_TERM_ITEMS.map(({ code, label }) => ({ item: code, label, done: facts.longTermItems.find((done) => done.item === code) ?? null })),
  };
}

/** The notice clock of one recipient, if the episode has one. */
export function noticeOf(progress: Pick<EpisodeProgress, "notices">, recipient: string): NoticeProgress | null {
  return progress.notices.find((notice) => notice.recipient === recipient) ?? null;
}

export function clockOfKind(clocks: readonly Clock[], kind: ClockKind): Clock | null {
  return clocks.find((clock) => clock.kind === kind) ?? null;
}

type RecordedProblem = RuleViolation & { report: "law-enforcement" | "NCMEC" };

/**
 * What the recorded reports break against the episode's current times (a report now late without a
 * reason, or before the child was last seen): after the missing event changes, before submitting.
 */
export function recordedReportProblems(facts: Pick<ProgressFacts, "missingEvent" | "lawEnforcement" | "ncmec">, clocks: readonly ClockFacts[], now: Date): RecordedProblem[] {
  const event = facts.missingEvent;
  const le = facts.lawEnforcement;
  // A voided episode keeps no clocks (both report clocks start together): nothing to check against.
  if (!event || !le || !clocks.some((c) => c.kind === "LAW_ENFORCEMENT_REPORT")) return [];
  const context = (kind: ClockKind) => {
    const clock = clocks.find((c) => c.kind === kind)!;
    return { lastSeenAt: event.lastSeenAt, now, deadline: clock.deadline, ruleHours: clock.ruleHours };
  };
  const ncmec = facts.ncmec;
  const problems: RecordedProblem[] = [
    ...checkLawEnforcementReport({ at: le.reportedAt, lateReason: le.lateReason }, context("LAW_ENFORCEMENT_REPORT")).map((v) => ({ ...v, report: "law-enforcement" as const })),
    ...(ncmec
      ? checkNcmecReport({ reportedAt: ncmec.reportedAt, lateReason: ncmec.lateReason }, { ...context("NCMEC_REPORT"), lawEnforcementAt: le.reportedAt }).map((v) => ({ ...v, report: "NCMEC" as const }))
      : []),
  ];
  // A recorded time that is "in the future" was checked when it was recorded; the clock has moved on since.
  return problems
    .filter((problem) => problem.code !== "REPORTED_IN_FUTURE")
    .map((problem) => ({
      ...problem,
      message:
        problem.code === "LATE_REASON_REQUIRED"
          ? `With this time the ${problem.report} report would be past its deadline, and it has no reason recorded. Check the time, or add the reason on the ${problem.report} step first.`
          : `The ${problem.report} report is recorded as made before the child was last seen. Check this time.`,
      field: problem.code === "LATE_REASON_REQUIRED" ? "discoveredAt" : "lastSeenAt",
    }));
}
