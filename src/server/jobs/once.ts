import "server-only";
import type { Tx } from "@/server/db";

/**
 * Claims a job's effect inside the transaction that makes it: true the first time `key` is
 * claimed, false when it was already done (pg-boss may run a job twice, or two instances may run
 * the same work). The claim commits or rolls back with the effect, so a failed run can be retried.
 */
export async function claimEffect(tx: Tx, key: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "JobEffect" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
  return inserted > 0;
}
