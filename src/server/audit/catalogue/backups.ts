import { z } from "zod";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): backups and restores
 * (docs/decisions/020-backups.md). A restore is recorded in every agency's trail of the restored
 * database by `npm run db:restore`, with how many recorded events the backup could not hold.
 */
export const BACKUP_EVENTS = {
  "database.restored": {
    label: "Database restored from a backup",
    details: z.object({ backupTakenAt: z.iso.datetime(), eventsNotRestored: z.int().min(0) }).strict(),
  },
  "backups.viewed": { label: "Viewed the backups", details: z.object({}).strict() },
  "backup.marked_copied": { label: "Marked a backup as copied off the machine", details: z.object({ backupId: z.uuid() }).strict() },
} as const;
