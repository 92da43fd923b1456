import "server-only";
import { redactMessage } from "@/lib/redact-message";

/** Ids, counts, codes and redacted messages only: never an address, a name or an e-mail's text. */
type JobLogFields = Record<string, string | number | boolean | undefined>;

/** One structured line about background work, like log-failure.ts's lines for requests. */
export function logJobEvent(level: "info" | "warn" | "error", event: string, fields: JobLogFields = {}): void {
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}

/** A job's run failed (pg-boss will retry it): its queue, the error's class and redacted message. */
export function logJobFailure(error: unknown, context: { queue: string; jobId?: string }): void {
  logJobEvent("error", "job.failed", {
    queue: context.queue,
    jobId: context.jobId,
    errorClass: error instanceof Error ? error.constructor.name || error.name : typeof error,
    message: error instanceof Error ? redactMessage(error.message) : "",
  });
}
