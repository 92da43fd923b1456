import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZVersionOnlySchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { refuseWhenDebriefComplete, requireRecovered, writeDebrief } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Records the return debrief as not held because the child ran again before it: the debrief is
 * then complete (its clock met now) with nothing more asked of it. Allowed only when the same child
 * has a newer episode (not voided); refused before the recovery and when already complete.
 */
export async function markRanAgainBeforeDebrief(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZVersionOnlySchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "debrief", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    requireRecovered(facts, "debrief", "recording that the child ran again before the debrief");
    refuseWhenDebriefComplete(facts, "recording that the child ran again before it");
    const newer = await tx.episode.findFirst({
      where: { agencyId: facts.agencyId, childId: facts.child.id, id: { not: facts.id }, createdAt: { gt: facts.createdAt }, voidedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (!newer) {
      throw new EpisodeRefusedError("debrief", "no-newer-episode", "The child has no newer missing episode. Report the new absence first; then this debrief can be recorded as not held because the child ran again.");
    }
    await writeDebrief(tx, actor, facts, now, { ranAgainBeforeDebrief: true, completedAt: now });
    await audit(tx, who, "debrief.ran_again_recorded", { target: { type: "Episode", id: facts.id }, details: { newerEpisodeId: newer.id } });
    return {};
  });
}
