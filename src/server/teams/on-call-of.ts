import "server-only";
import type { Tx } from "@/server/db";
import type { ReachablePerson } from "./supervisors-of";

/** The agency's active people on the on-call list: called when a team's supervisors are not there. */
export async function onCallOf(tx: Tx, agencyId: string): Promise<ReachablePerson[]> {
  return tx.user.findMany({
    where: { agencyId, active: true, onCall: true },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
