import type { EpisodeFacts } from "@/domain/episode-facts";
import type { EpisodeProgress } from "@/domain/episode-progress";

/**
 * What each section of the case page after the report (the search, the return, the debrief, the
 * closure) is given: the episode's facts and progress in domain types, what the person may do, and
 * the names of the people the facts refer to by id.
 */
export type CaseSectionProps = {
  facts: EpisodeFacts;
  progress: EpisodeProgress;
  /** May record the return, the debrief and ask for closure (caseworkers). */
  canFile: boolean;
  /** May record a report, a notice or a search activity (caseworkers, and supervisors for a caseworker who is off). */
  canRecord: boolean;
  /** May sign off, return, reopen and void (supervisors); the domain still decides each case. */
  canApprove: boolean;
  /** The person viewing: nobody signs off their own episode, so it is not offered to them. */
  viewerId: string;
  /** The agency's time zone, and now as a wall time in it (a form's default). */
  timeZone: string;
  nowWallTime: string;
  /** People's names by user id, for "recorded by". */
  names: Readonly<Record<string, string>>;
};
