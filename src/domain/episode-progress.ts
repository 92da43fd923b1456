/**
 * Everything the application asks about an episode's progress, answered in one place from its
 * facts and `now`: each step's status and why it is locked, what NCMEC's list still lacks, whether
 * the report can be submitted, whether a packet is final, which clocks run, and the stage. Pages,
 * route handlers, use cases, the packet and the lists read this; none works any of it out again.
 * Later stages (located, recovered, debrief due, awaiting sign-off) are added here.
 */
import { REPORT_CLOCK_KINDS, FEDERAL_CLOCK_HOURS, clockState, deadlineAfter, type Clock, type ClockFacts, type ClockKind, type ReportClockKind } from "./clocks";
import type { Amendment, EpisodeFacts } from "./episode-facts";
import { ncmecGaps, type ChecklistGap } from "./ncmec-checklist";
import { ageOn, checkLawEnforcementReport, checkNcmecReport, type RuleViolation } from "./reporting-rules";
import { FORM_STEP_KEYS, PACKET_STEP_KEYS, STEPS, stepTitle, type FormStepKey, type StepKey } from "./steps";
import { calendarDateIn } from "./zoned-time";
import { NOTICE_RECIPIENTS } from "./code-sets";
import { notApplicableReasonsFor, recipientLabel, type NoticeHours, type NoticeProgress } from "./notice-rules";

export const STAGES = ["awaiting-law-enforcement", "awaiting-ncmec", "ready-to-submit", "reported", "closed"] as const;
export type EpisodeStage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<EpisodeStage, string> = {
  "awaiting-law-enforcement": "Waiting for the law-enforcement report",
  "awaiting-ncmec": "Waiting for the NCMEC report",
  "ready-to-submit": "Ready to submit",
  reported: "Reported",
  closed: "Closed",
};

export type StepStatus = "completed" | "available" | "not-started" | "locked";

/** Why a step cannot be saved now, in words a caseworker can act on. */
export type StepBlock =
  | { code: "LAW_ENFORCEMENT_FIRST"; message: string }
  | { code: "STEP_ORDER"; message: string; missingSteps: FormStepKey[] };

export type StepProgress = { status: StepStatus; canOpen: boolean; block: StepBlock | null };

export type SubmitBlock = { code: "ALREADY_SUBMITTED" | "INCOMPLETE" | "RECORDED_REPORT"; message: string; missingSteps: FormStepKey[] };

export type EpisodeProgress = {
  stage: EpisodeStage;
  /** A closed episode can no longer be changed. */
  editable: boolean;
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
  /** Changes since submission not yet sent to NCMEC and law enforcement: the caseworker is asked to send them. */
  unsentAmendments: Amendment[];
  /** Derived facts the lists filter by, kept as columns. */
  ageAtMissing: number | null;
  endangered: boolean;
};

export type ProgressFacts = Pick<
  EpisodeFacts,
  "timeZone" | "savedSteps" | "child" | "missingEvent" | "description" | "risks" | "contacts" | "guardian" | "lawEnforcement" | "ncmec" | "photoCount" | "submittedAt" | "closedAt" | "amendments" | "notices"
>;

/**
 * The hours each running clock started with, so a change of the agency's rules only affects new
 * clocks. `startedNotices` is null until the episode's clocks start; from then on it is the notice
 * list they started with (a recipient the agency adds later does not join a running episode).
 */
export type ClockRules = {
  started: Partial<Record<ReportClockKind, number>>;
  agency: Record<ReportClockKind, number>;
  startedNotices: NoticeHours | null;
  /** The agency's list of who is told when a child goes missing, with each one's hours. */
  agencyNotices: NoticeHours;
};

export const FEDERAL_RULES: ClockRules = { started: {}, agency: FEDERAL_CLOCK_HOURS, startedNotices: null, agencyNotices: {} };

export function episodeProgress(facts: ProgressFacts, now: Date, rules: ClockRules = FEDERAL_RULES): EpisodeProgress {
  const saved = (key: FormStepKey) => facts.savedSteps.includes(key);
  const unsavedSteps = FORM_STEP_KEYS.filter((key) => !saved(key));
  const clocks = deriveClocks(facts, rules).map((clock) => clockState(clock, now));
  const gaps = ncmecGaps(facts);
  const packetUnsaved = PACKET_STEP_KEYS.filter((key) => !saved(key));
  const submitBlock = submitBlockOf(facts, unsavedSteps, clocks, now);
  return {
    stage: stageOf(facts),
    editable: facts.closedAt === null,
    steps: stepsOf(facts),
    nextStep: unsavedSteps[0] ?? "review",
    unsavedSteps,
    ncmecGaps: gaps,
    submit: { allowed: submitBlock === null, block: submitBlock },
    packet: {
      status: packetUnsaved.length === 0 ? "final" : "draft",
      missingItems: [...packetUnsaved.map((key) => `Step not completed: ${stepTitle(key)}`), ...gaps.map((gap) => gap.item)],
    },
    clocks,
    notices: noticesOf(facts, clocks),
    unsentAmendments: facts.amendments.filter((amendment) => amendment.sentAt === null),
    ageAtMissing: facts.missingEvent ? ageOn(facts.child.dateOfBirth, calendarDateIn(facts.missingEvent.lastSeenAt, facts.timeZone)) : null,
    endangered: facts.risks !== null && Object.values(facts.risks).some((risk) => risk.present === true),
  };
}

/** Never stored as a verdict: the stage follows from the facts every time (the column is a copy for lists). */
function stageOf(facts: ProgressFacts): EpisodeStage {
  if (facts.closedAt) return "closed";
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

/**
 * The clocks an episode's facts start: both reports run from when the agency learned the child was
 * missing. `rules` gives the hours; a clock that already started keeps its own.
 */
export function deriveClocks(facts: Pick<ProgressFacts, "missingEvent" | "lawEnforcement" | "ncmec" | "notices">, rules: ClockRules): ClockFacts[] {
  const event = facts.missingEvent;
  if (!event) return [];
  const done: Record<ReportClockKind, { doneAt: Date; lateReason: string | null } | null> = {
    LAW_ENFORCEMENT_REPORT: facts.lawEnforcement ? { doneAt: facts.lawEnforcement.reportedAt, lateReason: facts.lawEnforcement.lateReason } : null,
    NCMEC_REPORT: facts.ncmec ? { doneAt: facts.ncmec.reportedAt, lateReason: facts.ncmec.lateReason } : null,
  };
  const reports = REPORT_CLOCK_KINDS.map((kind): ClockFacts => {
    const ruleHours = rules.started[kind] ?? rules.agency[kind];
    return { kind, subject: "", startedAt: event.discoveredAt, ruleHours, deadline: deadlineAfter(event.discoveredAt, ruleHours), doneAt: done[kind]?.doneAt ?? null, lateReason: done[kind]?.lateReason ?? null };
  });
  // The notice list is taken once, when the clocks start, and kept.
  const list = rules.startedNotices ?? rules.agencyNotices;
  const notices = NOTICE_RECIPIENTS.flatMap(({ code }): ClockFacts[] => {
    const ruleHours = list[code];
    if (ruleHours === undefined) return [];
    const record = facts.notices.find((notice) => notice.recipient === code);
    // Not applicable counts as met, at the moment it was marked; a late reason belongs only to one sent late.
    const doneAt = record ? (record.sentAt ?? record.recordedAt) : null;
    const lateReason = record?.sentAt ? record.note : null;
    return [{ kind: "MISSING_NOTICE", subject: code, startedAt: event.discoveredAt, ruleHours, deadline: deadlineAfter(event.discoveredAt, ruleHours), doneAt, lateReason }];
  });
  return [...reports, ...notices];
}

/** The notice clocks with what was recorded for each: sent (on time or late) or not applicable. */
function noticesOf(facts: Pick<ProgressFacts, "notices">, clocks: readonly Clock[]): NoticeProgress[] {
  return clocks.flatMap((clock): NoticeProgress[] => {
    if (clock.kind !== "MISSING_NOTICE") return [];
    const recipient = NOTICE_RECIPIENTS.find(({ code }) => code === clock.subject)?.code;
    if (!recipient) return [];
    const record = facts.notices.find((notice) => notice.recipient === recipient) ?? null;
    return [{ recipient, label: recipientLabel(recipient), clock, state: record?.notApplicableReason ? "not-applicable" : clock.state, record, reasons: notApplicableReasonsFor(recipient) }];
  });
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
  if (!event || !le) return [];
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
