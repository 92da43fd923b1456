import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { ConflictError } from "@/server/use-case-errors";
import { episodeProgress } from "@/domain/episode-progress";
import { loadEpisode } from "./load-episode";
import { syncEpisode } from "./sync-episode";
import { askForReview } from "./report-review";

/**
 * Submits a report whose every step is saved, with law enforcement and NCMEC recorded
 * (episodeProgress decides), and asks a supervisor to review it. The reports themselves were made
 * already and never wait for that review.
 */
export async function submitEpisode(actor: Actor, input: { episodeId: string; version: number }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  assertCan(actor, "episodes:record");
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const { facts, rules } = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
    if (facts.version !== input.version) {
      throw new ConflictError("STALE_VERSION", "Someone changed this report after you opened this page. Check the answers again, then submit.", { version: facts.version });
    }
    const progress = episodeProgress(facts, now, rules);
    if (!progress.editable) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
    const block = progress.submit.block;
    if (block) throw new ConflictError("INCOMPLETE", block.message, block.missingSteps.length > 0 ? { missingSteps: block.missingSteps } : undefined);
    const saved = await tx.episode.update({
      where: { id: facts.id },
      data: { submittedAt: now, submittedById: actor.userId, version: { increment: 1 } },
      select: { version: true },
    });
    const who = auditWho(actor, context.requestId);
    await audit(tx, who, "episode.submitted", { target: { type: "Episode", id: facts.id } });
    await syncEpisode(tx, actor, facts.id, now);
    await askForReview(tx, actor, who, facts, { at: now, comment: "", automatic: true });
    return { version: saved.version };
  });
}
