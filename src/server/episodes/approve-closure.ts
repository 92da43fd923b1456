import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { closureOf } from "@/domain/episode-closure";
import { ZClosureCommentSchema } from "@/lib/schemas/episode-closure";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";
import { assertMaySignOff, notifyApprovalEntry } from "./closure-sign-off";

/**
 * A supervisor approves a requested closure (optional comment): the episode is closed now.
 * Refused (audited) unless the actor may sign it off (a supervisor of the caseworker's team or on
 * the on-call list, never their own episode), unless closure was asked for and waits, and when
 * something became due again since it was asked for. The caseworker is told in the app.
 */
export async function approveClosure(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZClosureCommentSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "approve-closure", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    await assertMaySignOff(tx, actor, facts, "approve-closure");
    if (progress.closure.state !== "requested") throw new EpisodeRefusedError("approve-closure", "not-requested", "Closure has not been asked for: there is nothing to approve.");
    // Asked for when nothing was missing; the case may have changed since (a new lead, for one).
    const missing = closureOf({ ...facts, closure: null }, progress.clocks, loaded.rules).missing;
    if (missing.length > 0) {
      throw new EpisodeRefusedError("approve-closure", "items-missing", `Something is missing again since closure was asked for: ${missing.join(" ")} Return it to the caseworker with a comment.`);
    }
    const { entryId } = await recordApprovalAction(tx, {
      agencyId: facts.agencyId,
      episodeId: facts.id,
      purpose: "CLOSURE",
      action: "APPROVED",
      byId: actor.userId,
      at: now,
      comment: form.comment,
    });
    await tx.episode.update({ where: { id: facts.id }, data: { closedAt: now } });
    await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "closure.approved", userIds: [facts.caseworkerId] });
    await audit(tx, who, "closure.approved", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
