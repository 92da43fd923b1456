/**
 * A supervisor's review of a submitted report: where it stands, whether the caseworker can ask for
 * it (again), and who may decide it. The reports to law enforcement and NCMEC never wait for it: it
 * starts no clock and blocks nothing. Pure; read through episodeProgress().
 */
import type { ApprovalStatusCode } from "./code-sets";
import { signOffRefusal, type SignOffContext, type SignOffRefusal } from "./episode-closure";
import type { EpisodeFacts } from "./episode-facts";
import type { FormStepKey } from "./steps";

export type ReviewState = "none" | "requested" | "approved" | "returned";

export type ReviewProgress = {
  state: ReviewState;
  /** Whether the caseworker can ask for review now. */
  canRequest: boolean;
  /** Why review cannot be asked for now, in words; null when it can. */
  notNow: string | null;
  /** The latest comment a supervisor left when returning the report, for the caseworker to answer. */
  returnedComment: string | null;
  /** The steps changed since the latest decision (a return or an approval), each once, in the order first changed. */
  changedSinceDecision: FormStepKey[];
};

// A report review is never reopened; a record in that state (none is written) reads as not asked for.
const STATE_OF: Record<ApprovalStatusCode, ReviewState> = { REQUESTED: "requested", APPROVED: "approved", RETURNED: "returned", REOPENED: "none" };

export type ReviewFacts = Pick<EpisodeFacts, "submittedAt" | "closedAt" | "voided" | "amendments" | "review">;

/**
 * The review's state from its record. Review can be asked for on a submitted, open episode that
 * has none waiting: the first time (an episode submitted before reviews existed), after a return,
 * or after an approval when the report has changed since.
 */
export function reviewOf(facts: ReviewFacts): ReviewProgress {
  const review = facts.review;
  const state = review ? STATE_OF[review.status] : "none";
  const latestDecision = review ? [...review.entries].reverse().find((entry) => entry.action === "APPROVED" || entry.action === "RETURNED") : undefined;
  const returnedComment = state === "returned" && latestDecision?.action === "RETURNED" ? latestDecision.comment : null;
  const changedSinceDecision = latestDecision
    ? [...new Set(facts.amendments.filter((amendment) => amendment.at.getTime() > latestDecision.at.getTime()).map((amendment) => amendment.step))]
    : [];
  const notNow = notNowOf(facts, state, changedSinceDecision.length > 0);
  return { state, canRequest: notNow === null, notNow, returnedComment, changedSinceDecision };
}

function notNowOf(facts: ReviewFacts, state: ReviewState, changedSinceDecision: boolean): string | null {
  if (facts.voided) return "This episode was voided (entered in error).";
  if (facts.closedAt) return "This episode is closed.";
  if (!facts.submittedAt) return "Submit the report first: submitting it asks a supervisor to review it.";
  if (state === "requested") return "Review has been asked for and is waiting for a supervisor.";
  if (state === "approved" && !changedSinceDecision) return "A supervisor approved this report. Review can be asked for again after the report is changed.";
  return null;
}

const REVIEW_REFUSALS: Record<SignOffRefusal["code"], string> = {
  NOT_A_SUPERVISOR: "Only a supervisor can review a report.",
  OWN_EPISODE: "Nobody reviews their own episode's report: ask another supervisor or the on-call supervisor.",
  NOT_THEIR_TEAM: "Only a supervisor of the caseworker's team, or one on the agency's on-call list, can review this report.",
};

/**
 * Who may approve or return a report: the same people who sign off its closure (a supervisor of the
 * caseworker's team or one on the on-call list, never for their own episode), told in a report's words.
 */
export function reviewRefusal(context: SignOffContext): SignOffRefusal | null {
  const refusal = signOffRefusal(context);
  return refusal ? { code: refusal.code, message: REVIEW_REFUSALS[refusal.code] } : null;
}
