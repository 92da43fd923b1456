import "server-only";
import { db, type Tx } from "@/server/db";
import { env } from "@/config/env";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { describeAuditEvent } from "@/server/audit/audit-events";
import { backupWarnings, type BackupWarning } from "@/domain/backup-health";

export type BackupRow = { id: string; takenAt: Date; kind: "NIGHTLY" | "MANUAL"; bytes: number; copiedOffAt: Date | null; copiedBy: "command" | "admin" | null };
export type RestoreRow = {
  id: string;
  restoredAt: Date;
  backupTakenAt: Date;
  /** What the agency recorded after the backup was taken, which the restore could not bring back. */
  lost: { occurredAt: Date; text: string; actorName: string | null; targetType: string | null; targetId: string | null }[];
};
export type BackupStatus = { nightly: boolean; warnings: BackupWarning[]; backups: BackupRow[]; restores: RestoreRow[] };

const SHOWN_BACKUPS = 20;
const SHOWN_RESTORES = 3;

/** What the warnings are decided on: the newest backup, and the newest one copied off the machine. */
async function backupFacts(client: Pick<Tx, "databaseBackup">) {
  const [latest, copied] = await Promise.all([
    client.databaseBackup.findFirst({ where: { removedAt: null }, orderBy: { takenAt: "desc" }, select: { takenAt: true } }),
    client.databaseBackup.findFirst({ where: { copiedOffAt: { not: null } }, orderBy: { takenAt: "desc" }, select: { takenAt: true } }),
  ]);
  return { nightly: env().HOMEWARD_NIGHTLY_BACKUP === "on", latestTakenAt: latest?.takenAt ?? null, latestCopiedOffTakenAt: copied?.takenAt ?? null };
}

/** The installation's warnings about its backups, for the banner of every admin page. */
export async function backupWarningsNow(actor: Actor, now = new Date()): Promise<BackupWarning[]> {
  assertCan(actor, "backups:manage");
  return backupWarnings(await backupFacts(db()), now);
}

/**
 * The Backups page: the newest backups, whether each left the machine, and the latest restores with
 * what the actor's agency recorded after each restored backup (its own events only). Viewing is audited.
 */
export async function getBackupStatus(actor: Actor, context: { requestId: string; now?: Date }): Promise<BackupStatus> {
  assertCan(actor, "backups:manage");
  const { agencyId } = agencyScope(actor);
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const backups = await tx.databaseBackup.findMany({ where: { removedAt: null }, orderBy: { takenAt: "desc" }, take: SHOWN_BACKUPS });
    const facts = await backupFacts(tx);
    const restores = await tx.databaseRestore.findMany({
      orderBy: { restoredAt: "desc" },
      take: SHOWN_RESTORES,
      include: { lostEvents: { where: { agencyId }, orderBy: { occurredAt: "asc" } } },
    });
    await audit(tx, auditWho(actor, context.requestId), "backups.viewed", {});
    return {
      nightly: facts.nightly,
      warnings: backupWarnings(facts, now),
      backups: backups.map((b) => ({
        id: b.id,
        takenAt: b.takenAt,
        kind: b.kind,
        bytes: Number(b.bytes),
        copiedOffAt: b.copiedOffAt,
        copiedBy: b.copiedOffAt ? (b.copiedOffBy ? "admin" : "command") : null,
      })),
      restores: restores.map((r) => ({
        id: r.id,
        restoredAt: r.restoredAt,
        backupTakenAt: r.backupTakenAt,
        lost: r.lostEvents.map((e) => ({
          occurredAt: e.occurredAt,
          // The lost event's details did not survive the restore: its words are the catalogue's label.
          text: describeAuditEvent({ action: e.action, outcome: "SUCCESS", details: null }),
          actorName: e.actorName,
          targetType: e.targetType,
          targetId: e.targetId,
        })),
      })),
    };
  });
}
