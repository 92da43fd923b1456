import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { ZReviewCommentSchema } from "@/lib/schemas/episode-review";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { askForReview } from "./report-review";

/**
 * The caseworker asks a supervisor to review the submitted report again, with an optional comment
 * (the answer to a returned report's, for one), after changing what was asked (each change an
 * amendment, with its prompt to send the update to NCMEC and law enforcement). Refused (audited)
 * unless episodeProgress() says review can be asked for: submitted, none waiting, and after an
 * approval only once the report changed.
 */
export async function requestReportReview(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const form = parseStep(ZReviewCommentSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "request-report-review", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { review } = progress;
    if (!review.canRequest) {
      const reason = review.state === "requested" ? "already-requested" : review.state === "approved" ? "approved-unchanged" : "not-submitted";
      throw new EpisodeRefusedError("request-report-review", reason, review.notNow ?? "Review cannot be asked for now.");
    }
    await askForReview(tx, actor, who, loaded.facts, { at: now, comment: form.comment, automatic: false });
    return {};
  });
}
