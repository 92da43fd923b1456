import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { audit, type AuditWho } from "@/server/audit/audit";
import type { EpisodeFacts } from "@/domain/episode-facts";
import { recordApprovalAction } from "./approval-record";
import { notifyApprovalEntry, supervisorsToAsk } from "./closure-sign-off";

/**
 * Asks for a supervisor's review of the submitted report, in the caller's transaction: an entry of
 * the approval record, the team's supervisors (the on-call list when the team has none) told in the
 * app, audited. Submitting a report asks for it (`automatic`); the caseworker asks again after a
 * return. The caller has checked that it may be asked for; nothing else waits for it.
 */
export async function askForReview(
  tx: Tx,
  actor: Actor,
  who: AuditWho,
  facts: Pick<EpisodeFacts, "id" | "agencyId" | "caseworkerId" | "review">,
  input: { at: Date; comment: string; automatic: boolean },
): Promise<void> {
  const { entryId } = await recordApprovalAction(tx, {
    agencyId: facts.agencyId,
    episodeId: facts.id,
    purpose: "REPORT_REVIEW",
    action: "REQUESTED",
    byId: actor.userId,
    at: input.at,
    comment: input.comment,
  });
  // Never the person asking: a supervisor who submitted a report for a caseworker does not review it.
  const reviewers = (await supervisorsToAsk(tx, facts)).filter((id) => id !== actor.userId);
  await notifyApprovalEntry(tx, { agencyId: facts.agencyId, episodeId: facts.id, entryId, kind: "review.requested", userIds: reviewers });
  await audit(tx, who, "review.requested", {
    target: { type: "Episode", id: facts.id },
    details: { automatic: input.automatic, again: facts.review != null, comment: input.comment !== "", notified: reviewers.length },
  });
}
