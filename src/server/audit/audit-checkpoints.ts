import "server-only";
import { db, type Tx } from "@/server/db";
import { strandKeys, verifyAllAuditChains, verifyAuditTrail, type ChainPosition, type ChainReport, type TrailReport } from "./audit-chain";

/**
 * Checkpoints of the audit chains (decision 024): where the last check of each chain ended, so that
 * the admins' page reads only the events written since. A checkpoint is only ever a place where the
 * chain verified: a check that finds a problem leaves it before the problem, so every later check
 * reads the problem again. It saves work, not trust: the nightly job and `npm run audit:verify`
 * check every chain from its start, and the anchor still pins the whole trail.
 */
type CheckpointRow = { chainKey: string; seq: bigint; hash: string; fromStartAt: Date | null };

export type CheckedTrail = TrailReport & {
  /** When every strand of the trail was last checked from its start; null if one never was. */
  fromStartAt: Date | null;
};

async function checkpointsOf(tx: Tx, keys: string[]): Promise<CheckpointRow[]> {
  return tx.auditCheckpoint.findMany({ where: { chainKey: { in: keys } }, select: { chainKey: true, seq: true, hash: true, fromStartAt: true } });
}

/**
 * Records where each strand last verified (before a problem, when one was found), in a transaction
 * of its own: two admins looking at once must not fail on each other. From a checkpoint a strand's
 * place only moves forward; a check from the start sets it wherever it ended, and says when.
 */
export async function saveAuditCheckpoints(strands: readonly ChainReport[], options: { fromStart: boolean; now: Date }): Promise<void> {
  if (strands.length === 0) return;
  const { fromStart, now } = options;
  await db().$transaction(async (tx) => {
    for (const strand of strands) {
      await tx.$executeRaw`
        INSERT INTO "AuditCheckpoint" ("chainKey", "seq", "hash", "checkedAt", "fromStartAt")
        VALUES (${strand.chainKey}, ${strand.lastSeq}, ${strand.lastHash}, ${now}, ${fromStart ? now : null})
        ON CONFLICT ("chainKey") DO UPDATE SET
          "seq" = CASE WHEN ${fromStart} OR EXCLUDED."seq" > "AuditCheckpoint"."seq" THEN EXCLUDED."seq" ELSE "AuditCheckpoint"."seq" END,
          "hash" = CASE WHEN ${fromStart} OR EXCLUDED."seq" > "AuditCheckpoint"."seq" THEN EXCLUDED."hash" ELSE "AuditCheckpoint"."hash" END,
          "checkedAt" = EXCLUDED."checkedAt",
          "fromStartAt" = CASE WHEN ${fromStart} THEN EXCLUDED."fromStartAt" ELSE "AuditCheckpoint"."fromStartAt" END`;
    }
  });
}

/**
 * Checks one agency's trail from its checkpoints (the events written since the last check), in one
 * consistent snapshot, and moves the checkpoints on.
 */
export async function checkTrailFromCheckpoints(agencyKey: string, now: Date): Promise<CheckedTrail> {
  const keys = strandKeys(agencyKey);
  const { trail, checkpoints } = await db().$transaction(
    async (tx) => {
      const found = await checkpointsOf(tx, keys);
      const from = new Map<string, ChainPosition>(found.map((c) => [c.chainKey, { seq: c.seq, hash: c.hash }]));
      return { trail: await verifyAuditTrail(tx, agencyKey, from), checkpoints: found };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
  await saveAuditCheckpoints(trail.strands, { fromStart: false, now });
  const fromStart = trail.strands.map((strand) => checkpoints.find((c) => c.chainKey === strand.chainKey)?.fromStartAt ?? null);
  return {
    ...trail,
    fromStartAt: fromStart.length === 0 || fromStart.includes(null) ? null : new Date(Math.min(...fromStart.map((at) => at?.getTime() ?? 0))),
  };
}

/**
 * Checks every audit chain of the database from its start (the nightly job, `npm run audit:verify`)
 * and records where each last verified, and when: a problem found there is read again by every
 * later check of the admins' page, until it is put right.
 */
export async function checkAllChainsFromStart(now: Date): Promise<ChainReport[]> {
  const reports = await db().$transaction((tx) => verifyAllAuditChains(tx), { isolationLevel: "RepeatableRead", timeout: 600_000 });
  await saveAuditCheckpoints(reports, { fromStart: true, now });
  return reports;
}
