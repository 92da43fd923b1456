import "server-only";
import type { Tx } from "@/server/db";

export type ReachablePerson = { id: string; name: string; email: string };

/**
 * "A caseworker's supervisors": the active people holding SUPERVISOR who lead the caseworker's
 * team. None when the caseworker has no team (callers then turn to `onCallOf`). In the caller's
 * transaction, for reminders and sign-offs.
 */
export async function supervisorsOf(tx: Tx, caseworkerId: string): Promise<ReachablePerson[]> {
  const caseworker = await tx.user.findUnique({ where: { id: caseworkerId }, select: { teamId: true, agencyId: true } });
  if (!caseworker?.teamId) return [];
  return tx.user.findMany({
    where: { agencyId: caseworker.agencyId, active: true, roles: { has: "SUPERVISOR" }, supervises: { some: { teamId: caseworker.teamId } } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
