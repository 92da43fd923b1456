/**
 * The supervisors' dashboard (issue 14): which open episode is most urgent, how urgent, and what
 * about the child a supervisor must see at a glance. Pure: `now` is passed in. The dashboard reads
 * clock rows (deadlines of clocks not met yet); how urgent an episode is follows from the earliest.
 */
import { CLOCK_LABELS, type ClockKind } from "./clocks";
import { formatDuration } from "./durations";
import { isEpisodeNoticeRecipient, recipientLabel } from "./notice-rules";
import { STAGES, type EpisodeStage } from "./episode-progress";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A clock whose deadline is this close is set apart as due soon. */
export const DUE_SOON_MS = 2 * HOUR_MS;
/** A child who ran this long before an episode's discovery has a recent run on record. */
export const RECENT_RUN_MS = 90 * DAY_MS;
/** Children this young (whole years when last seen) are flagged. */
export const YOUNG_CHILD_AGE = 13;

/**
 * How urgent an episode is, by its earliest running deadline: past it, within two hours, later,
 * or no clock running at all. Also the dashboard's clock-state filter, by the same codes.
 */
export const URGENCIES = ["overdue", "due-soon", "running", "none"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: "Overdue",
  "due-soon": "Due within 2 hours",
  running: "Running",
  none: "No clock running",
};

/** The stages an open episode (neither signed off nor voided) can be at: the stage filter's choices. */
export const OPEN_STAGES = STAGES.filter((stage): stage is Exclude<EpisodeStage, "closed" | "voided"> => stage !== "closed" && stage !== "voided");
export type OpenStage = (typeof OPEN_STAGES)[number];

/** A deadline past or exactly now is overdue, as a clock is (clockState). */
export function urgencyOf(deadline: Date | null, now: Date): Urgency {
  if (deadline === null) return "none";
  const msLeft = deadline.getTime() - now.getTime();
  if (msLeft <= 0) return "overdue";
  return msLeft <= DUE_SOON_MS ? "due-soon" : "running";
}

/** The time left before a deadline, or how late it is, in words: "Overdue by 6 h", "1 h 20 min left". */
export function timeLeftText(deadline: Date, now: Date): string {
  const msLeft = deadline.getTime() - now.getTime();
  return msLeft > 0 ? `${formatDuration(msLeft)} left` : `Overdue by ${formatDuration(now.getTime() - deadline.getTime())}`;
}

/** What a running clock is for, in words; a notice names who is to be told. */
export function clockTitle(kind: ClockKind, subject: string): string {
  if ((kind === "MISSING_NOTICE" || kind === "RETURN_NOTICE" || kind === "CANCEL_NOTICE") && isEpisodeNoticeRecipient(subject)) {
    return `${CLOCK_LABELS[kind]}: ${recipientLabel(subject)}`;
  }
  return CLOCK_LABELS[kind];
}

export const FLAGS = ["endangered", "under-13", "trafficking-concern", "ran-recently"] as const;
export type Flag = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<Flag, string> = {
  endangered: "Endangered",
  "under-13": "Under 13",
  "trafficking-concern": "Trafficking concern",
  "ran-recently": "Ran in the last 90 days",
};

export type FlagFacts = {
  endangered: boolean;
  /** Whole years when last seen; null until the missing event is known. */
  ageAtMissing: number | null;
  traffickingConcern: boolean;
  discoveredAt: Date | null;
  /** When the child's latest earlier episode was discovered (voided ones left out), or null. */
  previousDiscoveredAt: Date | null;
};

/** A run discovered within the 90 days (of elapsed time) before this one's discovery. */
export function ranRecently(discoveredAt: Date | null, previousDiscoveredAt: Date | null): boolean {
  if (!discoveredAt || !previousDiscoveredAt) return false;
  const gap = discoveredAt.getTime() - previousDiscoveredAt.getTime();
  return gap > 0 && gap <= RECENT_RUN_MS;
}

/** The flags of an episode, always in the same order. */
export function flagsOf(facts: FlagFacts): Flag[] {
  const raised: Record<Flag, boolean> = {
    endangered: facts.endangered,
    "under-13": facts.ageAtMissing !== null && facts.ageAtMissing < YOUNG_CHILD_AGE,
    "trafficking-concern": facts.traffickingConcern,
    "ran-recently": ranRecently(facts.discoveredAt, facts.previousDiscoveredAt),
  };
  return FLAGS.filter((flag) => raised[flag]);
}

/**
 * The rows under one heading per urgency, the most urgent first, each group in the order given; a
 * group with no row (on this page) is left out.
 */
export function groupByUrgency<T extends { urgency: Urgency }>(rows: readonly T[]): { urgency: Urgency; rows: T[] }[] {
  return URGENCIES.map((urgency) => ({ urgency, rows: rows.filter((row) => row.urgency === urgency) })).filter((group) => group.rows.length > 0);
}

/**
 * Whose episodes: the teams the person supervises ("mine"), the whole agency ("all"), or one team
 * ("one", with its id). The other filters narrow that; null is any.
 */
export type DashboardFilters = {
  team: "mine" | "all" | "one";
  teamId: string | null;
  caseworkerId: string | null;
  stage: OpenStage | null;
  clock: Urgency | null;
  page: number;
};

/** The filters as asked for: without a team filter, the person's default (defaultTeamFilter). */
export type DashboardRequest = Omit<DashboardFilters, "team"> & { team: DashboardFilters["team"] | null };

/** Open episodes are shown by the team's supervisors; the on-call list, and anyone who leads no team, sees the agency. */
export function defaultTeamFilter(person: { onCall: boolean; supervisedTeams: number }): "mine" | "all" {
  return person.onCall || person.supervisedTeams === 0 ? "all" : "mine";
}
