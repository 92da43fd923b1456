/**
 * The nightly backup (docs/decisions/020-backups.md): in embedded mode `npm start` runs a job-queue
 * worker of its own, as the database's owner (a base backup needs a replication connection, which
 * the application's role may not open, and the key stays with the launcher). The schedule lives in
 * the job queue, so a backup missed while the machine was off is not run twice, and a failed one is
 * retried with back-off. After each backup, the retention rule removes the nightly backups it no
 * longer keeps (src/domain/backup-retention.ts).
 */
import PgBoss from "pg-boss";
import { JOB_QUEUE_SCHEMA } from "../../src/server/jobs/queues";
import { pruneNightlyBackups, takeBackup, type BackupSource } from "./backups";
import type { BackupKey } from "./backup-file";
import { logOperatorEvent } from "./operator-log";

export const BACKUP_QUEUE = "backup-database";

export type NightlyBackups = { stop(): Promise<void> };

export async function startNightlyBackups(
  source: BackupSource,
  options: { dir: string; key: BackupKey; cron: string; timeZone: string; copyCommand?: string; pollingIntervalSeconds?: number },
): Promise<NightlyBackups> {
  const boss = new PgBoss({ connectionString: source.ownerUrl, schema: JOB_QUEUE_SCHEMA, migrate: false, application_name: "homeward-backups", max: 2 });
  boss.on("error", (error) => logOperatorEvent("error", "backup.queue_error", { message: error.message }));
  await boss.start();
  await boss.createQueue(BACKUP_QUEUE, { name: BACKUP_QUEUE, retryLimit: 3, retryDelay: 15 * 60, retryBackoff: true, expireInSeconds: 3 * 3600 });
  await boss.schedule(BACKUP_QUEUE, options.cron, {}, { tz: options.timeZone });
  await boss.work(BACKUP_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      try {
        const taken = await takeBackup(source, { dir: options.dir, key: options.key, kind: "nightly", copyCommand: options.copyCommand, say: (line) => logOperatorEvent("warn", "backup.copy_failed", { message: line }) });
        const removed = await pruneNightlyBackups(source.ownerUrl, options.dir);
        logOperatorEvent("info", "backup.taken", { jobId: job.id, file: taken.file, bytes: taken.bytes, copiedOff: taken.copiedOff, removed: removed.length });
      } catch (error) {
        logOperatorEvent("error", "backup.failed", { jobId: job.id, message: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    }
  });
  logOperatorEvent("info", "backup.scheduled", { cron: options.cron, timeZone: options.timeZone, dir: options.dir });
  return { stop: () => boss.stop({ graceful: true, timeout: 30_000, wait: true }) };
}

/** Where nightly backups are off (HOMEWARD_BACKUP_SCHEDULE=off), their schedule is removed. */
export async function unscheduleNightlyBackups(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_QUEUE_SCHEMA, migrate: false, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    await boss.unschedule(BACKUP_QUEUE);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
