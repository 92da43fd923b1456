import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/config/env";
import { CONNECT_TIMEOUT_MS, markDatabaseUnreachable } from "@/server/database-reachability";

// Created on first use, not at import: `next build` imports this module with no database.
// Kept on globalThis so that hot reload in development does not open a new pool each time.
const holder = globalThis as unknown as { homewardPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.homewardPrisma ??= new PrismaClient({
    // A short connection timeout: an unreachable database is said at once (503), not after a hang.
    // A pooled connection that breaks (the database restarted) is dropped and replaced on next use.
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }, { onPoolError: markDatabaseUnreachable }),
  });
  return holder.homewardPrisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * PostgreSQL's "could not serialize access" (40001) or a deadlock (40P01), as the ORM reports them:
 * P2034 from its own queries, P2010 with the driver's kind from raw ones (the audit write is raw).
 */
const ZConflictSchema = z.union([
  z.object({ code: z.literal("P2034") }),
  z.object({ code: z.literal("P2010"), meta: z.object({ driverAdapterError: z.object({ cause: z.object({ kind: z.literal("TransactionWriteConflict") }) }) }) }),
]);

/** How many times a transaction refused for a concurrent change is run in all (see inOneSnapshot). */
const SNAPSHOT_ATTEMPTS = 3;

/**
 * Runs `work` in one REPEATABLE READ transaction, so that every read sees one snapshot, and runs it
 * again from the start, up to three times in all, when PostgreSQL refuses it because another
 * transaction changed a row it writes after its snapshot was taken (40001, Prisma's P2034). An
 * audited read does write such a row: the audit event's chain head, which any other request of the
 * agency may move meanwhile (decision 019). PostgreSQL's manual asks this of every transaction at
 * this level.
 */
export async function inOneSnapshot<T>(work: (tx: Tx) => Promise<T>, options: { timeout: number }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { isolationLevel: "RepeatableRead", timeout: options.timeout });
    } catch (error) {
      if (!ZConflictSchema.safeParse(error).success || attempt >= SNAPSHOT_ATTEMPTS) throw error;
    }
  }
}
