import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZVersionOnlySchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { refuseWhenDebriefComplete, requireRecovered, writeDebrief } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Marks the return debrief complete (its clock is met now) when nothing is missing from it, the
 * trafficking screen and the determination included; otherwise refused with what is still missing,
 * in words (progress.debrief.gaps). Refused before the recovery and when already complete.
 */
export async function completeDebrief(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZVersionOnlySchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "debrief", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    requireRecovered(facts, "debrief", "marking the debrief complete");
    refuseWhenDebriefComplete(facts, "marking it complete again");
    const { gaps } = progress.debrief;
    if (gaps.length > 0) throw new EpisodeRefusedError("debrief", "debrief-incomplete", `The debrief cannot be marked complete yet. Still missing: ${gaps.join(" ")}`);
    await writeDebrief(tx, actor, facts, now, { completedAt: now });
    await audit(tx, who, "debrief.completed", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
