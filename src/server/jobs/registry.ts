import "server-only";
import { QUEUES, type QueueName } from "./queues";
import { deliverEmailJob } from "./handlers/deliver-email";
import { deactivateUnusedAccounts } from "./handlers/deactivate-unused-accounts";
import { remindDueClocksJob } from "./handlers/remind-due-clocks";
import { verifyAuditTrailsJob } from "./handlers/verify-audit-trails";

/** What one run of a job gets: pg-boss's id for it, which also names the run in the audit trail. */
export type JobRun = { jobId: string };

/** Every job's handler, by queue (queues.ts has their retry policies and schedules). */
export const JOB_HANDLERS: Record<QueueName, (run: JobRun) => Promise<unknown>> = {
  [QUEUES.deliverEmail.name]: () => deliverEmailJob(),
  [QUEUES.deactivateUnusedAccounts.name]: ({ jobId }) => deactivateUnusedAccounts({ requestId: `job:${jobId}` }),
  [QUEUES.remindDueClocks.name]: ({ jobId }) => remindDueClocksJob({ requestId: `job:${jobId}` }),
  [QUEUES.verifyAuditTrails.name]: () => verifyAuditTrailsJob(new Date()),
};
