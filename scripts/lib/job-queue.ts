/**
 * The job queue's schema (pg-boss, `pgboss`), created and migrated by the database owner on every
 * start, before any app instance runs: the application's role cannot create schemas or tables, and
 * its pg-boss starts with migration off. The queues and their schedules are made here too (a
 * pg-boss queue is a table of its own). See docs/decisions/010-job-queue-and-email.md.
 */
import PgBoss from "pg-boss";
import { JOB_QUEUE_SCHEMA, PG_BOSS_SCHEDULE_QUEUE, QUEUES } from "../../src/server/jobs/queues";
import { LaunchError } from "./launch-error";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_QUEUE_SCHEMA, migrate: true, supervise: false, schedule: false, max: 2 });
  let failure: Error | undefined;
  boss.on("error", (error) => {
    failure ??= error;
  });
  try {
    await boss.start();
    await boss.createQueue(PG_BOSS_SCHEDULE_QUEUE);
    for (const { name, retryLimit, retryDelay, expireInSeconds, ...rest } of Object.values(QUEUES)) {
      const policy = { name, retryLimit, retryDelay, retryBackoff: true, expireInSeconds };
      // createQueue leaves an existing queue as it is; updateQueue brings its policy up to date.
      await boss.createQueue(name, policy);
      await boss.updateQueue(name, policy);
      if ("cron" in rest) await boss.schedule(name, rest.cron, {}, { tz: "UTC" });
    }
  } catch (error) {
    failure ??= error as Error;
  } finally {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
  }
  if (failure) throw new LaunchError(`Could not set up the job queue (schema ${JOB_QUEUE_SCHEMA}): ${failure.message}`);
}
