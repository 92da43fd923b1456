import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/config/env";

// Created on first use, not at import: `next build` imports this module with no database.
// Kept on globalThis so that hot reload in development does not open a new pool each time.
const holder = globalThis as unknown as { homewardPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.homewardPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL }),
  });
  return holder.homewardPrisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
