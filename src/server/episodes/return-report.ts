import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { reviewRefusal } from "@/domain/episode-review";
import { ZReviewReturnSchema } from "@/lib/schemas/episode-review";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";
import { assertMaySignOff, notifyApprovalEntry } from "./closure-sign-off";

/**
 * A supervisor returns a report waiting for review with a comment (required), which the caseworker
 * sees on the case and answers by changing the report and asking again. The reports to law
 * enforcement and NCMEC stand as made: returning restarts no clock and makes no new report. Refused
 * (audited) on the same rules as approving. The caseworker is told in the app.
 */
export async function returnReport(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZReviewReturnSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:approve", change: "return-report", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    await assertMaySignOff(tx, actor, facts, "return-report", reviewRefusal);
    if (progress.review.state !== "requested") throw new EpisodeRefusedError("return-report", "not-requested", "Review of this report has not been asked for: there is nothing to return.");
    const { entryId } = await recordApprovalAction(tx, {
      agencyId: facts.agencyId,
      episodeId: facts.id,
      purpose: "REPORT_REVIEW",
      action: "RETURNED",
      byId: actor.userId,
      at: now,
      comment: form.comment,
    });
    await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "review.returned", userIds: [facts.caseworkerId] });
    await audit(tx, who, "review.returned", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
