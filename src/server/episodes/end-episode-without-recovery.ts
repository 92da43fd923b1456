import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { checkEndedAt } from "@/domain/recovery-rules";
import { ZEndEpisodeSchema } from "@/lib/schemas/episode-recovery";
import { instantFromWallTime } from "@/lib/step-codecs";
import { parseStep, throwViolations } from "./field-errors";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";

/**
 * Ends an episode without a recovery: the youth aged out of care, a court ended its jurisdiction,
 * or the child died; when (not in the future, not before the child was last seen) and a note. Law
 * enforcement and NCMEC are then to be asked to cancel their reports: those notices' clocks start
 * at the end. Refused before the missing event is recorded, when the child was recovered, and when
 * the episode already ended.
 */
export async function endEpisodeWithoutRecovery(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const form = parseStep(ZEndEpisodeSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "end", version: form.version }, async ({ tx, loaded: { facts }, who, now }) => {
    const missing = facts.missingEvent;
    if (!missing) throw new EpisodeRefusedError("end", "no-missing-event", "Record when the child went missing (step 2 of the report) before ending the episode.");
    if (facts.recovery?.recoveredAt) throw new EpisodeRefusedError("end", "recovered", "The child was recovered: this episode ends with its closure, not without a recovery.");
    if (facts.ended) throw new EpisodeRefusedError("end", "already-ended", "This episode already ended without a recovery.");
    const endedAt = instantFromWallTime(form.endedAt, facts.timeZone);
    if (!endedAt.ok) throw new ValidationError({ endedAt: endedAt.message });
    throwViolations(checkEndedAt(endedAt.instant, { lastSeenAt: missing.lastSeenAt, now }));
    await tx.episode.update({ where: { id: facts.id }, data: { endedAt: endedAt.instant, endReason: form.reason, endNote: form.note, endRecordedById: actor.userId } });
    await audit(tx, who, "episode.ended_without_recovery", { target: { type: "Episode", id: facts.id }, details: { reason: form.reason } });
    return {};
  });
}
