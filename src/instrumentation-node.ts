// A configuration problem stops the server at start-up with one clear line, not at the first request.
import { EnvError, env } from "./config/env";
import { installClientAddressHook } from "./server/rate-limit/client-address";
import { startJobWorker } from "./server/jobs/job-queue";
import { JOB_HANDLERS } from "./server/jobs/registry";
import { logJobFailure } from "./server/jobs/log-job";

try {
  // Rate limits count the client's address: taken from the socket, or behind TRUST_PROXY proxies.
  installClientAddressHook(env().TRUST_PROXY);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`homeward: ${error.message}`);
  process.exit(1);
}

/**
 * The job queue's worker runs in every instance of the app (docs/decisions/010-job-queue-and-email.md),
 * not while `next build` loads the app, and not with HOMEWARD_JOBS=off. On SIGTERM it stops taking
 * jobs and finishes the ones in hand while Next.js closes the server; a job cut short is run again,
 * and every job's effect happens once.
 */
async function startJobs(): Promise<void> {
  const config = env();
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl || config.HOMEWARD_JOBS === "off" || config.NEXT_PHASE === "phase-production-build") return;
  const holder = globalThis as unknown as { homewardJobWorker?: Promise<unknown> };
  // Development reloads this module; one worker per process.
  if (holder.homewardJobWorker) return;
  const started = startJobWorker(databaseUrl, JOB_HANDLERS);
  holder.homewardJobWorker = started;
  const worker = await started;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void worker.stop().catch((error: unknown) => logJobFailure(error, { queue: "pg-boss" }));
    });
  }
}

await startJobs().catch((error: unknown) => {
  // The app still serves; without its worker, e-mail waits in the outbox until an instance runs one.
  logJobFailure(error, { queue: "pg-boss" });
});
