import "server-only";

/**
 * Every queue of the job queue, with its retry policy and, for recurring work, its schedule. Data
 * only: the launcher reads it to create the queues as the database owner before any app instance
 * starts (the application's role may not create them), and `registry.ts` pairs each with its handler.
 */
export type QueueDefinition = {
  name: string;
  /** Attempts after the first; pg-boss runs a job again after a failure or a crash, so handlers are idempotent. */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time (retryBackoff). */
  retryDelay: number;
  /** A run that takes longer is taken as failed and retried. */
  expireInSeconds: number;
  /** Cron (UTC) for recurring work; several instances still send one job per minute of schedule. */
  cron?: string;
};

export const QUEUES = {
  deliverEmail: { name: "deliver-email", retryLimit: 3, retryDelay: 30, expireInSeconds: 5 * 60, cron: "* * * * *" },
  deactivateUnusedAccounts: { name: "deactivate-unused-accounts", retryLimit: 5, retryDelay: 60, expireInSeconds: 30 * 60, cron: "17 3 * * *" },
  // Every minute: a reminder goes out within a minute of its threshold. A failed sweep is not worth
  // retrying for long, since the next minute's sweep picks up whatever it left.
  remindDueClocks: { name: "remind-due-clocks", retryLimit: 1, retryDelay: 15, expireInSeconds: 5 * 60, cron: "* * * * *" },
  // Nightly: every audit chain checked from its start; the admins' page checks only what came since (decision 024).
  verifyAuditTrails: { name: "verify-audit-trails", retryLimit: 2, retryDelay: 10 * 60, expireInSeconds: 3 * 3600, cron: "41 2 * * *" },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

/** pg-boss's own queue for scheduled sends, which its timekeeper would otherwise try to create itself. */
export const PG_BOSS_SCHEDULE_QUEUE = "__pgboss__send-it";

/** The PostgreSQL schema of the job queue, created and migrated by the owner. */
export const JOB_QUEUE_SCHEMA = "pgboss";
