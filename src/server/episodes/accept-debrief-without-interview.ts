import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZVersionOnlySchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { refuseWhenDebriefComplete, requireRecovered, writeDebrief } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * A supervisor accepts the return debrief without an interview, after at least one documented
 * attempt. Refused before the recovery, without an attempt, for the supervisor's own episode, when
 * the child was interviewed, and when already accepted or complete.
 */
export async function acceptDebriefWithoutInterview(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZVersionOnlySchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "debrief", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    requireRecovered(facts, "debrief", "accepting the debrief without an interview");
    refuseWhenDebriefComplete(facts, "accepting it without an interview");
    if (facts.caseworkerId === actor.userId) {
      throw new EpisodeRefusedError("debrief", "own-episode", "Nobody accepts the debrief of their own episode without an interview: ask another supervisor.");
    }
    if (facts.debrief?.acceptedWithoutInterviewAt) throw new EpisodeRefusedError("debrief", "already-accepted", "The debrief was already accepted without an interview.");
    if (facts.debrief?.interviewedAt) throw new EpisodeRefusedError("debrief", "interviewed", "The child was interviewed: the debrief does not need to be accepted without an interview.");
    if (facts.debriefAttempts.length === 0) {
      throw new EpisodeRefusedError("debrief", "no-attempt", "Record at least one attempt to debrief the child (declined or unavailable) before accepting the debrief without an interview.");
    }
    await writeDebrief(tx, actor, facts, now, { acceptedWithoutInterviewAt: now, acceptedWithoutInterviewById: actor.userId });
    await audit(tx, who, "debrief.accepted_without_interview", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
