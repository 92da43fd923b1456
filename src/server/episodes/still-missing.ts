import type { Prisma } from "@/generated/prisma/client";

/**
 * One missing episode per child at a time: the episodes in which the child is still missing (a
 * draft, reported, or located but not recovered), so that a new one cannot start. An episode whose
 * child was recovered, that ended without a recovery, was closed or voided does not count, even
 * with its debrief due or its sign-off pending.
 */
export const STILL_MISSING: Prisma.EpisodeWhereInput = {
  closedAt: null,
  voidedAt: null,
  endedAt: null,
  OR: [{ recovery: { is: null } }, { recovery: { is: { recoveredAt: null } } }],
};
