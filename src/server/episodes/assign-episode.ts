import "server-only";
import type { Tx } from "@/server/db";

/**
 * The one writer of who an episode's caseworker is: sets `Episode.caseworkerId` (and the copy of
 * their name the case list sorts by) and keeps the assignment history the on-time rate reads (a
 * clock counts against the caseworker assigned when it was met, or at its deadline). The current assignment ends at `at` and the new one starts there.
 * The caller has checked who may do it, that the episode is the actor's agency's and that the new
 * caseworker is an active caseworker of it, and runs syncEpisode() after it in the same transaction
 * (whom the clocks not yet met count against follows the assignment).
 */
export async function assignEpisode(
  tx: Tx,
  input: { agencyId: string; episodeId: string; caseworkerId: string; assignedById: string; at: Date },
): Promise<void> {
  const { agencyId, episodeId, caseworkerId, assignedById, at } = input;
  await tx.episodeAssignment.updateMany({ where: { episodeId, agencyId, untilAt: null }, data: { untilAt: at } });
  await tx.episodeAssignment.create({ data: { agencyId, episodeId, caseworkerId, assignedById, fromAt: at } });
  // The caseworker's name is copied for the case list's sort (decision 017).
  await tx.$executeRaw`UPDATE "Episode" SET "caseworkerId" = ${caseworkerId}::uuid, "caseworkerName" = (SELECT "name" FROM "User" WHERE "id" = ${caseworkerId}::uuid) WHERE "id" = ${episodeId}::uuid AND "agencyId" = ${agencyId}::uuid`;
}
