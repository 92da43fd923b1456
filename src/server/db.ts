import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
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
