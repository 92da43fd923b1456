import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { ConflictError } from "@/server/use-case-errors";
import { episodeProgress } from "@/domain/episode-progress";
import { loadEpisode } from "./load-episode";

/** Records that the changes made since submission were sent to NCMEC and law enforcement. */
export async function recordUpdateSent(actor: Actor, input: { episodeId: string }, context: { requestId: string; now?: Date }): Promise<{ sent: number }> {
  assertCan(actor, "episodes:record");
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const { facts, rules } = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
    const progress = episodeProgress(facts, now, rules);
    if (!progress.editable) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
    if (progress.unsentAmendments.length === 0) throw new ConflictError("INCOMPLETE", "There are no changes to send: every change is already recorded as sent.");
    const { count } = await tx.episodeAmendment.updateMany({ where: { episodeId: facts.id, agencyId: facts.agencyId, sentAt: null }, data: { sentAt: now, sentById: actor.userId } });
    await audit(tx, auditWho(actor, context.requestId), "episode.update_sent", { target: { type: "Episode", id: facts.id }, details: { amendments: count } });
    return { sent: count };
  });
}
