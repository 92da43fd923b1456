/**
 * The end of an episode: what the debrief still lacks, what closing still needs (said item by item,
 * never a silent refusal), and who may sign it off. Pure; read through episodeProgress().
 */
import type { Clock } from "./clocks";
import type { ApprovalStatusCode } from "./code-sets";
import { traffickingReportOwed, type ClockRules } from "./episode-clocks";
import type { EpisodeFacts } from "./episode-facts";

const isBlank = (text: string | null | undefined) => text === null || text === undefined || text.trim() === "";

type DebriefFacts = Pick<EpisodeFacts, "recovery" | "debrief" | "screens" | "determination">;

/**
 * What the debrief still lacks before it can be recorded as complete, in words. A debrief recorded
 * as "the child ran again before it" needs nothing more; otherwise: the interview (or a
 * supervisor's acceptance without one, after documented attempts), the factors and the response
 * to them, the child's experiences, a trafficking screen and the determination.
 */
export function debriefGaps(facts: DebriefFacts): string[] {
  if (!facts.recovery?.recoveredAt) return ["The child's recovery is not recorded yet."];
  const debrief = facts.debrief;
  if (debrief?.ranAgainBeforeDebrief) return [];
  const gaps: string[] = [];
  const interviewed = debrief !== null && !isBlank(debrief.interviewerName) && debrief.interviewedAt !== null;
  if (!interviewed && !debrief?.acceptedWithoutInterviewAt) {
    gaps.push("Record who interviewed the child and when, or the attempts and a supervisor's acceptance without an interview.");
  }
  if (!debrief || (debrief.ranFrom.length === 0 && debrief.ranTo.length === 0) || isBlank(debrief.factorsNarrative)) {
    gaps.push("Record the primary factors behind the absence: what the child ran from or to, and a narrative.");
  }
  if (!debrief || isBlank(debrief.responseNow)) gaps.push("Record the response to those factors in the current placement.");
  if (!debrief || [debrief.stayedWhere, debrief.stayedWith, debrief.needsMet, debrief.harm].every(isBlank)) {
    gaps.push("Record the child's experiences while absent.");
  }
  if (facts.screens.length === 0) gaps.push("Record the sex-trafficking screen: the instrument, its result, who screened and when.");
  if (!facts.determination) gaps.push("Record the trafficking determination (not a victim, suspected or confirmed).");
  return gaps;
}

export type ClosureState = "none" | "requested" | "approved" | "returned" | "reopened";

export type ClosureProgress = {
  state: ClosureState;
  /** Whether the caseworker can ask for sign-off now. */
  canRequest: boolean;
  /** What is still missing before closure can be asked for, in words; empty when nothing is. */
  missing: string[];
  /** The latest comment a supervisor left when returning the closure, for the caseworker to answer. */
  returnedComment: string | null;
};

const STATE_OF: Record<ApprovalStatusCode, ClosureState> = { REQUESTED: "requested", APPROVED: "approved", RETURNED: "returned", REOPENED: "reopened" };

type ClosureFacts = Pick<
  EpisodeFacts,
  "submittedAt" | "closedAt" | "voided" | "ended" | "recovery" | "debrief" | "screens" | "determination" | "traffickingReport" | "closure" | "lawEnforcement" | "ncmec"
>;

/** Clocks that lapse rather than block closure: the search reminders and the NCIC update's records. */
const LAPSING: readonly Clock["kind"][] = ["SEARCH_REMINDER", "NCIC_RECORDS_UPDATE"];

/**
 * What closing still needs: the report submitted; the recovery (or an ending without one); every
 * notice, lead and report clock met; the debrief complete with its screen; the trafficking report
 * when one is owed.
 */
export function closureOf(facts: ClosureFacts, clocks: readonly Clock[], rules: ClockRules): ClosureProgress {
  const state = facts.closure ? STATE_OF[facts.closure.status] : "none";
  const returnedComment = facts.closure?.status === "RETURNED" ? ([...facts.closure.entries].reverse().find((entry) => entry.action === "RETURNED")?.comment ?? null) : null;
  const missing: string[] = [];
  if (facts.voided) return { state, canRequest: false, missing: ["This episode was voided (entered in error)."], returnedComment };
  if (facts.closedAt) return { state, canRequest: false, missing: ["This episode is closed."], returnedComment };
  if (state === "requested") return { state, canRequest: false, missing: ["Sign-off has been asked for and is waiting for a supervisor."], returnedComment };
  if (!facts.submittedAt) missing.push("Submit the missing-child report.");
  const recovered = facts.recovery?.recoveredAt != null;
  if (!recovered && !facts.ended) missing.push("Record the child's recovery, or that the episode ended without one.");
  for (const clock of clocks) {
    if (clock.doneAt !== null || LAPSING.includes(clock.kind)) continue;
    if (clock.kind === "DEBRIEF" || clock.kind === "TRAFFICKING_REPORT") continue;
    missing.push(openClockItem(clock));
  }
  if (recovered) {
    if (!facts.debrief?.completedAt) missing.push("Record the return debrief as complete, with its trafficking screen.");
  }
  if (traffickingReportOwed(facts, rules)) {
    if (!facts.determination?.informationReceivedAt) missing.push("Record when the agency received the information that identified the child as a trafficking victim.");
    else if (!facts.traffickingReport) missing.push("Record the report of the trafficking victim to law enforcement.");
  }
  return { state, canRequest: missing.length === 0, missing, returnedComment };
}

function openClockItem(clock: Clock): string {
  switch (clock.kind) {
    case "LAW_ENFORCEMENT_REPORT":
      return "Record the report to law enforcement.";
    case "NCMEC_REPORT":
      return "Record the report to NCMEC.";
    case "MISSING_NOTICE":
      return "Record every notice that the child was missing (sent, or not applicable).";
    case "LEAD_TO_LAW_ENFORCEMENT":
      return "Record that each lead was passed to law enforcement.";
    case "RETURN_NOTICE":
      return "Record every notice of the child's return (law enforcement, NCMEC and the agency's list).";
    case "CANCEL_NOTICE":
      return "Record that law enforcement and NCMEC were asked to cancel their reports.";
    default:
      return `Complete: ${clock.kind}`;
  }
}

/** Who may sign off an episode's closure: a supervisor of the caseworker's team or one on the agency's on-call list, never for their own episode. */
export type SignOffContext = {
  actorId: string;
  actorIsSupervisor: boolean;
  caseworkerId: string;
  teamSupervisorIds: readonly string[];
  onCallIds: readonly string[];
};

export type SignOffRefusal = { code: "NOT_A_SUPERVISOR" | "OWN_EPISODE" | "NOT_THEIR_TEAM"; message: string };

export function signOffRefusal(context: SignOffContext): SignOffRefusal | null {
  if (!context.actorIsSupervisor) return { code: "NOT_A_SUPERVISOR", message: "Only a supervisor can sign off an episode." };
  if (context.actorId === context.caseworkerId) return { code: "OWN_EPISODE", message: "Nobody signs off their own episode: ask another supervisor or the on-call supervisor." };
  if (!context.teamSupervisorIds.includes(context.actorId) && !context.onCallIds.includes(context.actorId)) {
    return { code: "NOT_THEIR_TEAM", message: "Only a supervisor of the caseworker's team, or one on the agency's on-call list, can sign off this episode." };
  }
  return null;
}
