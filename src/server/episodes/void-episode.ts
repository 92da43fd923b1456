import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZVoidSchema } from "@/lib/schemas/episode-closure";
import { changeEpisode } from "./change-episode";
import { parseStep } from "./field-errors";

/**
 * A supervisor voids an episode entered in error, with a reason (required): it is kept on record,
 * can no longer be changed, has no clocks and is left out of every count (the open list, a child's
 * missing episode, earlier episodes in a packet, a caseworker's open cases). A closed or already
 * voided episode is refused by changeEpisode().
 */
export async function voidEpisode(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZVoidSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "void", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    await tx.episode.update({ where: { id: facts.id }, data: { voidedAt: now, voidedById: actor.userId, voidReason: form.reason } });
    await audit(tx, who, "episode.voided", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
