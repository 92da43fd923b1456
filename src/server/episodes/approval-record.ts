import "server-only";
import type { Tx } from "@/server/db";
import type { ApprovalAction, ApprovalPurpose } from "@/generated/prisma/client";

/**
 * The one writer of an episode's approval record (a closure's sign-off; the supervisors' report
 * review reuses it): one Approval row per episode and purpose holding the latest status, and an
 * entry for every action, its history. Asking again after a return or a reopening keeps the
 * history and starts a new decision. The caller has checked who may do it and when.
 */
export async function recordApprovalAction(
  tx: Tx,
  input: { agencyId: string; episodeId: string; purpose: ApprovalPurpose; action: ApprovalAction; byId: string; at: Date; comment: string },
): Promise<{ approvalId: string; entryId: string }> {
  const { agencyId, episodeId, purpose, action, byId, at } = input;
  const decision = action === "REQUESTED" ? { decidedById: null, decidedAt: null } : { decidedById: byId, decidedAt: at };
  const approval = await tx.approval.upsert({
    where: { episodeId_purpose: { episodeId, purpose } },
    // Only an episode closed before this record existed is reopened without one: its record starts there.
    create: { agencyId, episodeId, purpose, status: action, requestedById: byId, requestedAt: at, ...decision },
    update: action === "REQUESTED" ? { status: action, requestedById: byId, requestedAt: at, ...decision } : { status: action, ...decision },
    select: { id: true },
  });
  const entry = await tx.approvalEntry.create({ data: { approvalId: approval.id, action, comment: input.comment, byId, at }, select: { id: true } });
  return { approvalId: approval.id, entryId: entry.id };
}
