import "server-only";
import PgBoss from "pg-boss";
import type { Tx } from "@/server/db";
import { JOB_QUEUE_SCHEMA, type QueueName } from "./queues";

// Only builds the job's INSERT; every send passes the transaction to run it in (pg-boss's `db` option).
const sender = new PgBoss({
  schema: JOB_QUEUE_SCHEMA,
  migrate: false,
  db: {
    executeSql: () => Promise.reject(new Error("a job is sent only inside a transaction (sendJobInTransaction)")),
  },
});

/** pg-boss passes objects for jsonb and leaves options unset as undefined; the driver wants JSON text and null. */
function sqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

/**
 * Sends a job in the caller's transaction: it exists only if the change commits, so a worker never
 * wakes before the data it is woken for can be read.
 */
export async function sendJobInTransaction(tx: Tx, queue: QueueName, data: object = {}): Promise<void> {
  await sender.send(queue, data, {
    db: {
      executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map(sqlValue)) }),
    },
  });
}
