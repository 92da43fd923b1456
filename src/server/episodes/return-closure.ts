import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZClosureReturnSchema } from "@/lib/schemas/episode-closure";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";
import { assertMaySignOff, notifyApprovalEntry } from "./closure-sign-off";

/**
 * A supervisor returns a requested closure with a comment (required), which the caseworker sees on
 * the case and answers by asking again. Refused (audited) on the same rules as approving: who may
 * sign off, and only while closure was asked for. The caseworker is told in the app.
 */
export async function returnClosure(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZClosureReturnSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "return-closure", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    await assertMaySignOff(tx, actor, facts, "return-closure");
    if (progress.closure.state !== "requested") throw new EpisodeRefusedError("return-closure", "not-requested", "Closure has not been asked for: there is nothing to return.");
    const { entryId } = await recordApprovalAction(tx, {
      agencyId: facts.agencyId,
      episodeId: facts.id,
      purpose: "CLOSURE",
      action: "RETURNED",
      byId: actor.userId,
      at: now,
      comment: form.comment,
    });
    await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "closure.returned", userIds: [facts.caseworkerId] });
    await audit(tx, who, "closure.returned", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
