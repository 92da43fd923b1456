import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { reviewRefusal } from "@/domain/episode-review";
import { ZReviewCommentSchema } from "@/lib/schemas/episode-review";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";
import { assertMaySignOff, notifyApprovalEntry } from "./closure-sign-off";

/**
 * A supervisor approves a report waiting for review (optional comment). Refused (audited, nothing
 * changed) unless the actor may review it (a supervisor of the caseworker's team or on the on-call
 * list, never their own episode) and review was asked for. Only the record changes: no clock, no
 * report. The caseworker is told in the app.
 */
export async function approveReport(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZReviewCommentSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "approve-report", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    await assertMaySignOff(tx, actor, facts, "approve-report", reviewRefusal);
    if (progress.review.state !== "requested") throw new EpisodeRefusedError("approve-report", "not-requested", "Review of this report has not been asked for: there is nothing to approve.");
    const { entryId } = await recordApprovalAction(tx, {
      agencyId: facts.agencyId,
      episodeId: facts.id,
      purpose: "REPORT_REVIEW",
      action: "APPROVED",
      byId: actor.userId,
      at: now,
      comment: form.comment,
    });
    await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "review.approved", userIds: [facts.caseworkerId] });
    await audit(tx, who, "review.approved", { target: { type: "Episode", id: facts.id }, details: { comment: form.comment !== "" } });
    return {};
  });
}
