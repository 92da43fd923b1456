import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZReopenSchema } from "@/lib/schemas/episode-closure";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";

/**
 * A supervisor reopens a closed episode with a reason (required): it is open again and its closure
 * must be asked for and signed off anew. Refused for an episode that is not closed, and for a
 * voided one.
 */
export async function reopenEpisode(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZReopenSchema, input.values);
  return changeEpisode(
    actor,
    input.episodeId,
    context,
    { permission: "episodes:approve", change: "reopen", version: form.version, allowClosed: true },
    async ({ tx, loaded, who, now }) => {
      const { facts } = loaded;
      if (facts.voided) throw new EpisodeRefusedError("reopen", "voided", "This episode was voided (entered in error): it cannot be reopened.");
      if (!facts.closedAt) throw new EpisodeRefusedError("reopen", "not-closed", "Only a closed episode can be reopened: this one is open.");
      await recordApprovalAction(tx, { agencyId: facts.agencyId, episodeId: facts.id, purpose: "CLOSURE", action: "REOPENED", byId: actor.userId, at: now, comment: form.reason });
      await tx.episode.update({ where: { id: facts.id }, data: { closedAt: null } });
      await audit(tx, who, "episode.reopened", { target: { type: "Episode", id: facts.id } });
      return {};
    },
  );
}
