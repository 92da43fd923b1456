/**
 * The agency's notice list and the notices of one episode: who must be told when a child goes
 * missing or returns (and law enforcement and NCMEC, asked to cancel their reports when an episode
 * ends without a recovery), within how many hours, and when a notice does not apply to a child.
 * Pure: `now` is passed in.
 */
import {
  NOTICE_AUTHORITIES,
  NOTICE_NOT_APPLICABLE_REASONS,
  NOTICE_RECIPIENTS,
  type EpisodeNoticeEvent,
  type EpisodeNoticeRecipient,
  type NoticeAuthorityCode,
  type NoticeNotApplicableCode,
  type NoticeRecipientCode,
} from "./code-sets";
import { labelOf } from "./ncic-codes";
import { formatDuration } from "./durations";
import { FUTURE_GRACE_MS, type RuleViolation } from "./reporting-rules";
import type { Clock, ClockFacts, ClockKind } from "./clocks";
import type { EpisodeFacts, NoticeRecord } from "./episode-facts";

/** A notice's deadline: at least an hour, at most a week after the agency learned of the event. */
export const MIN_NOTICE_HOURS = 1;
export const MAX_NOTICE_HOURS = 168;

export function noticeHoursProblem(hours: number): string | null {
  if (!Number.isInteger(hours)) return "Enter a whole number of hours.";
  if (hours < MIN_NOTICE_HOURS || hours > MAX_NOTICE_HOURS) return `Enter between ${MIN_NOTICE_HOURS} and ${MAX_NOTICE_HOURS} hours (a week).`;
  return null;
}

/** Hours per recipient: who is on a list, and their deadline. */
export type NoticeHours = Partial<Record<NoticeRecipientCode, number>>;

export const recipientLabel = (recipient: EpisodeNoticeRecipient) => labelOf([...NOTICE_AUTHORITIES, ...NOTICE_RECIPIENTS], recipient);

/** A label inside a sentence: "the court", "law enforcement", but "NCMEC" kept as it is. */
export function inSentence(label: string): string {
  const [first = ""] = label.split(" ");
  return first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export function isNoticeAuthority(code: string): code is NoticeAuthorityCode {
  return NOTICE_AUTHORITIES.some((entry) => entry.code === code);
}

/** Whether a code names anyone an episode's notice can be to. */
export function isEpisodeNoticeRecipient(code: string): code is EpisodeNoticeRecipient {
  return [...NOTICE_AUTHORITIES, ...NOTICE_RECIPIENTS].some((entry) => entry.code === code);
}
export const notApplicableLabel = (reason: NoticeNotApplicableCode) => labelOf(NOTICE_NOT_APPLICABLE_REASONS, reason);

/**
 * The reasons a notice may be marked not applicable for one child: parental rights terminated or a
 * parent suspected only for the parents, the Indian Child Welfare Act only for the tribe; "no such
 * person" and "other" (with a note) for anyone.
 */
const REASONS_ONLY_FOR: Partial<Record<NoticeNotApplicableCode, NoticeRecipientCode>> = {
  PARENTAL_RIGHTS_TERMINATED: "PARENTS",
  PARENT_SUSPECTED: "PARENTS",
  ICWA_DOES_NOT_APPLY: "TRIBE",
};

export function notApplicableReasonsFor(recipient: NoticeRecipientCode): NoticeNotApplicableCode[] {
  return NOTICE_NOT_APPLICABLE_REASONS.map((reason) => reason.code).filter((code) => (REASONS_ONLY_FOR[code] ?? recipient) === recipient);
}

const isBlank = (text: string | null) => text === null || text.trim() === "";

/** A reason that fits the recipient, and a note when the reason is "other". */
export function checkNotApplicable(recipient: NoticeRecipientCode, input: { reason: NoticeNotApplicableCode; note: string | null }): RuleViolation[] {
  if (!notApplicableReasonsFor(recipient).includes(input.reason)) {
    return [{ field: "reason", code: "REASON_NOT_FOR_RECIPIENT", message: `"${notApplicableLabel(input.reason)}" is not a reason that applies to ${inSentence(recipientLabel(recipient))}. Choose another.` }];
  }
  if (input.reason === "OTHER" && isBlank(input.note)) return [{ field: "note", code: "NOTE_REQUIRED", message: "Say why this notice does not apply to this child." }];
  return [];
}

/** What each event's notices are counted from, and the earliest a notice of it can be. */
const EVENT_WORDS: Record<EpisodeNoticeEvent, { start: string; earliest: string; given: string }> = {
  MISSING: { start: "the agency learned the child was missing", earliest: "the child was last seen", given: "was told" },
  RETURN: { start: "the agency learned of the recovery", earliest: "the child was recovered", given: "was told" },
  CANCEL: { start: "the episode ended", earliest: "the episode ended", given: "was asked to cancel the report" },
};

/**
 * What a notice's time is judged against, as a report's is: `notBefore` is the earliest it can be
 * (the child last seen for a missing notice, the recovery for a return notice, the end for a cancellation).
 */
export type NoticeContext = { event: EpisodeNoticeEvent; notBefore: Date; now: Date; deadline: Date; ruleHours: number };

/** The instant before which a notice of this event cannot have been given; null while the event has not happened. */
export function noticeNotBefore(facts: Pick<EpisodeFacts, "missingEvent" | "recovery" | "ended">, event: EpisodeNoticeEvent): Date | null {
  switch (event) {
    case "MISSING":
      return facts.missingEvent?.lastSeenAt ?? null;
    case "RETURN":
      return facts.recovery?.recoveredAt ?? null;
    case "CANCEL":
      return facts.ended?.endedAt ?? null;
  }
}

/** When the notice was sent: not in the future, not before its event, and a reason when late. */
export function checkNoticeSent(recipient: EpisodeNoticeRecipient, input: { sentAt: Date; lateReason: string | null }, context: NoticeContext): RuleViolation[] {
  const who = inSentence(recipientLabel(recipient));
  const words = EVENT_WORDS[context.event];
  const violations: RuleViolation[] = [];
  if (input.sentAt.getTime() > context.now.getTime() + FUTURE_GRACE_MS) {
    violations.push({ field: "sentAt", code: "SENT_IN_FUTURE", message: `The time ${who} ${words.given} cannot be in the future.` });
  }
  if (input.sentAt.getTime() < context.notBefore.getTime()) {
    violations.push({ field: "sentAt", code: "SENT_BEFORE_EVENT", message: `The time ${who} ${words.given} cannot be before ${words.earliest}. Please check it.` });
  }
  if (input.sentAt.getTime() > context.deadline.getTime() && isBlank(input.lateReason)) {
    violations.push({
      field: "lateReason",
      code: "LATE_REASON_REQUIRED",
      message: `This is after the deadline (${context.ruleHours} hours after ${words.start}). Please say why; the reason is kept with the notice.`,
    });
  }
  return violations;
}

/**
 * What the recorded notices break against the episode's current times (a notice now late without a
 * reason, or before its event): checked when the missing event's times change, as the reports are.
 * `clocks` are the clocks derived from the changed facts.
 */
export function recordedNoticeProblems(
  facts: Pick<EpisodeFacts, "missingEvent" | "recovery" | "ended" | "notices">,
  clocks: readonly ClockFacts[],
  now: Date,
): (RuleViolation & { notice: NoticeRecord })[] {
  return facts.notices.flatMap((notice) => {
    const notBefore = noticeNotBefore(facts, notice.event);
    const clock = clocks.find((c) => c.kind === NOTICE_CLOCK_KIND[notice.event] && c.subject === notice.recipient);
    if (!notice.sentAt || !notBefore || !clock) return [];
    const context = { event: notice.event, notBefore, now, deadline: clock.deadline, ruleHours: clock.ruleHours };
    // A recorded time that is "in the future" was checked when it was recorded; the clock has moved on since.
    return checkNoticeSent(notice.recipient, { sentAt: notice.sentAt, lateReason: notice.note }, context)
      .filter((violation) => violation.code !== "SENT_IN_FUTURE")
      .map((violation) => ({ ...violation, notice }));
  });
}

/** The clock kind of each event's notices. */
export const NOTICE_CLOCK_KIND = { MISSING: "MISSING_NOTICE", RETURN: "RETURN_NOTICE", CANCEL: "CANCEL_NOTICE" } as const satisfies Record<EpisodeNoticeEvent, ClockKind>;

export type NoticeState = Clock["state"] | "not-applicable";

/** One notice of an episode, as episodeProgress() answers it: its clock and what was recorded. */
export type NoticeProgress = {
  recipient: EpisodeNoticeRecipient;
  event: EpisodeNoticeEvent;
  label: string;
  clock: Clock;
  /** "not-applicable" counts as met: the notice is not owed for this child. */
  state: NoticeState;
  record: NoticeRecord | null;
  /** The reasons this recipient's notice may be marked not applicable with. */
  reasons: NoticeNotApplicableCode[];
};

/** One notice in words, never colour alone. */
export function noticeText(notice: NoticeProgress): string {
  const { clock, record } = notice;
  if (notice.state === "not-applicable" && record?.notApplicableReason) {
    return `Not applicable: ${notApplicableLabel(record.notApplicableReason)}${record.note ? ` (${record.note})` : ""}`;
  }
  // A cancellation is asked for; the others are told.
  const [not, done] = notice.event === "CANCEL" ? ["Not asked", "Asked"] : ["Not told", "Told"];
  switch (clock.state) {
    case "pending":
      return `${not} yet: ${formatDuration(clock.msRemaining ?? 0)} left`;
    case "overdue":
      return `${not} and overdue by ${formatDuration(clock.msLate ?? 0)}`;
    case "on-time":
      return `${done} on time`;
    case "late":
      return `${done} ${formatDuration(clock.msLate ?? 0)} late`;
  }
}
