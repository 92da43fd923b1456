import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZClosureCommentSchema } from "@/lib/schemas/episode-closure";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { recordApprovalAction } from "./approval-record";
import { supervisorsToAsk, notifyApprovalEntry } from "./closure-sign-off";

/**
 * The caseworker asks a supervisor to sign off the episode's closure, with an optional comment
 * (the answer to a returned closure's, for one). Refused, saying exactly what is still missing,
 * unless episodeProgress() says nothing is; refused while a request already waits. The team's
 * supervisors (the on-call list when the team has none) are told in the app.
 */
export async function requestClosure(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const form = parseStep(ZClosureCommentSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "request-closure", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    const { closure } = progress;
    if (closure.state === "requested") throw new EpisodeRefusedError("request-closure", "already-requested", closure.missing.join(" "));
    if (!closure.canRequest) {
      throw new EpisodeRefusedError("request-closure", "items-missing", `Closure cannot be asked for yet. Still missing: ${closure.missing.join(" ")}`);
    }
    const { entryId } = await recordApprovalAction(tx, {
      agencyId: facts.agencyId,
      episodeId: facts.id,
      purpose: "CLOSURE",
      action: "REQUESTED",
      byId: actor.userId,
      at: now,
      comment: form.comment,
    });
    const reviewers = await supervisorsToAsk(tx, facts);
    await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "closure.requested", userIds: reviewers });
    await audit(tx, who, "closure.requested", {
      target: { type: "Episode", id: facts.id },
      details: { again: facts.closure !== null, comment: form.comment !== "", notified: reviewers.length },
    });
    return {};
  });
}
