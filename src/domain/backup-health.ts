/**
 * What the admin's pages warn about the installation's backups (docs/decisions/020-backups.md):
 * none taken yet, the newest older than two days, or none copied off the machine lately. Nightly
 * backups are expected only where `npm start` takes them (the embedded PostgreSQL); elsewhere the
 * database's provider keeps the backups, and only a backup taken here and never copied off is said.
 */
export type BackupWarning = "none-yet" | "stale" | "not-copied-off";

export const BACKUP_STALE_AFTER_MS = 2 * 24 * 3_600_000;
/** A copy off the machine older than this no longer counts as a recent one. */
export const COPY_STALE_AFTER_MS = 7 * 24 * 3_600_000;

export const BACKUP_WARNING_TEXT: Record<BackupWarning, string> = {
  "none-yet": "No backup of the database has been taken yet.",
  stale: "The newest backup is more than two days old: the nightly backup has not run or has failed.",
  "not-copied-off": "No backup of the last seven days has been copied off this machine: if its disk fails, the backups are lost with it.",
};

export type BackupFacts = {
  /** Whether `npm start` takes a backup every night here. */
  nightly: boolean;
  latestTakenAt: Date | null;
  latestCopiedOffTakenAt: Date | null;
};

export function backupWarnings(facts: BackupFacts, now: Date): BackupWarning[] {
  const warnings: BackupWarning[] = [];
  if (!facts.latestTakenAt) return facts.nightly ? ["none-yet"] : [];
  if (facts.nightly && now.getTime() - facts.latestTakenAt.getTime() > BACKUP_STALE_AFTER_MS) warnings.push("stale");
  if (!facts.latestCopiedOffTakenAt || now.getTime() - facts.latestCopiedOffTakenAt.getTime() > COPY_STALE_AFTER_MS) warnings.push("not-copied-off");
  return warnings;
}
