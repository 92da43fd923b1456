// The job queue for real: pg-boss started as the application's role (TEST_APP_DATABASE_URL, with
// the rights the launcher grants), on the schema and queues the owner made when migrating.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launcherEnv } from "@/config/env";
import { db } from "@/server/db";
import { startJobWorker, type RunningWorker } from "@/server/jobs/job-queue";
import { JOB_HANDLERS } from "@/server/jobs/registry";
import { QUEUES } from "@/server/jobs/queues";
import { queueEmail } from "@/server/mail/queue-email";
import { resetDatabase } from "./support";
import { headerOf, startSmtpServer } from "./smtp-test-server";

const appUrl = launcherEnv().TEST_APP_DATABASE_URL;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let worker: RunningWorker | undefined;
let errors: Error[] = [];

async function start(handlers: Parameters<typeof startJobWorker>[1]) {
  worker = await startJobWorker(appUrl!, handlers, { pollingIntervalSeconds: 0.5 });
  worker.boss.on("error", (error) => errors.push(error));
  return worker;
}

/** Waits until `what` answers something (not undefined). */
async function until<T>(what: () => T | undefined | Promise<T | undefined>, seconds = 15): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deliveryJobs(): Promise<number> {
  const [row] = await db().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS "count" FROM "pgboss"."job" WHERE "name" = ${QUEUES.deliverEmail.name}`;
  return row!.count;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Before the first read of the configuration: the app's e-mail goes to this test's server.
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Homeward <no-reply@homeward.test>";
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect", "pgboss"."job"`);
  smtp.received.length = 0;
  errors = [];
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe.skipIf(!appUrl)("the job queue", () => {
  it("runs as the application's role: a job sent is handled by the worker", async () => {
    const handled: string[] = [];
    const running = await start({ [QUEUES.deactivateUnusedAccounts.name]: async ({ jobId }) => void handled.push(jobId) });
    const id = await running.boss.send(QUEUES.deactivateUnusedAccounts.name, {});
    expect(id).toBeTruthy();
    await until(() => (handled.length > 0 ? true : undefined));
    expect(handled).toEqual([id]);
    const job = await until(async () => {
      const found = await running.boss.getJobById(QUEUES.deactivateUnusedAccounts.name, id!);
      return found?.state === "completed" ? found : undefined;
    });
    expect(job.state).toBe("completed");
    expect(errors).toEqual([]);
  });

  it("delivers an e-mail queued by a change once the change commits", async () => {
    await start({ [QUEUES.deliverEmail.name]: JOB_HANDLERS[QUEUES.deliverEmail.name] });
    await db().$transaction((tx) =>
      queueEmail(tx, { key: "wake:1", agencyId: null, to: "sam.supervisor@agency.example.org", subject: "A second factor was added to your account", text: "Set up." }),
    );
    const [email] = await until(() => (smtp.received.length > 0 ? smtp.received : undefined));
    expect(email!.to).toEqual(["sam.supervisor@agency.example.org"]);
    expect(headerOf(email!.raw, "Subject")).toBe("A second factor was added to your account");
    await until(async () => (await db().outboxEmail.findUniqueOrThrow({ where: { key: "wake:1" } })).sentAt ?? undefined);
    expect(smtp.received).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("sends no job and no e-mail for a change that is rolled back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await queueEmail(tx, { key: "rolled-back:1", agencyId: null, to: "x@agency.example.org", subject: "S", text: "T" });
        expect(await deliveryJobs()).toBe(0); // not visible outside the transaction
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliveryJobs()).toBe(0);
    expect(await db().outboxEmail.count()).toBe(0);

    await db().$transaction((tx) => queueEmail(tx, { key: "committed:1", agencyId: null, to: "x@agency.example.org", subject: "S", text: "T" }));
    expect(await deliveryJobs()).toBe(1);
  });
});
