import "server-only";
import PgBoss from "pg-boss";
import { JOB_QUEUE_SCHEMA, type QueueName } from "./queues";
import { logJobEvent, logJobFailure } from "./log-job";
import type { JobRun } from "./registry";

/**
 * The job queue (pg-boss, in PostgreSQL) as the running app uses it: as the application's role,
 * with migration off (the launcher creates and migrates its schema and queues as the owner:
 * scripts/lib/job-queue.ts). Every instance runs a worker; pg-boss's SKIP LOCKED fetch gives each
 * job to one of them, and its maintenance and schedule run in one at a time.
 */
export function appJobQueue(connectionString: string): PgBoss {
  return new PgBoss({
    connectionString,
    schema: JOB_QUEUE_SCHEMA,
    migrate: false,
    application_name: "homeward-jobs",
    max: 4,
  });
}

export type RunningWorker = { boss: PgBoss; stop(): Promise<void> };

/** Starts pg-boss and a worker on every queue of `handlers`; `stop` finishes the jobs in hand, then closes. */
export async function startJobWorker(
  connectionString: string,
  handlers: Partial<Record<QueueName, (run: JobRun) => Promise<unknown>>>,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<RunningWorker> {
  const boss = appJobQueue(connectionString);
  boss.on("error", (error) => logJobFailure(error, { queue: "pg-boss" }));
  await boss.start();
  for (const [queue, handler] of Object.entries(handlers)) {
    await boss.work(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await handler({ jobId: job.id });
        } catch (error) {
          // pg-boss records the failure and retries with backoff; the line says which queue failed.
          logJobFailure(error, { queue, jobId: job.id });
          throw error;
        }
      }
    });
  }
  logJobEvent("info", "jobs.started", { queues: Object.keys(handlers).length });
  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 10_000, wait: true }),
  };
}
