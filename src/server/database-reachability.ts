import pg from "pg";
import { env } from "@/config/env";

/**
 * Whether the app can reach its database now, asked before a request is served (src/proxy.ts) so
 * that a page can be answered 503 rather than fail while rendering (a server component cannot set
 * its status). One connection of its own runs `SELECT 1` at most once per HOMEWARD_DATABASE_CHECK_MS
 * (requests in between share the answer); a connection error of the app's pool marks the database
 * unreachable at once, until the next check finds it back. Kept on globalThis: the proxy and the
 * routes are separate bundles of one process.
 */
type State = { reachable: boolean; checkedAt: number; probe?: Promise<boolean>; client?: pg.Client };
const holder = globalThis as unknown as { homewardDatabaseReachability?: State };
const state = (holder.homewardDatabaseReachability ??= { reachable: true, checkedAt: 0 });

/** How long a connection attempt may take before the database counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 2_000;

/** Errors that mean the database cannot be reached (as opposed to a query that failed). */
export function isUnreachableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "P1001", "P1002", "P1017"].includes(code)) return true;
    if (name === "DriverAdapterError" && typeof message === "string" && /ECONNREFUSED|terminat|Connection terminated|timeout exceeded when trying to connect|starting up|shutting down/i.test(message)) return true;
    if (typeof message === "string" && /Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|ECONNREFUSED/i.test(message)) return true;
  }
  return false;
}

export function markDatabaseUnreachable(): void {
  state.reachable = false;
  state.checkedAt = 0;
}

async function probe(url: string): Promise<boolean> {
  try {
    if (!state.client) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: CONNECT_TIMEOUT_MS, application_name: "homeward-check" });
      client.on("error", () => {
        if (state.client === client) state.client = undefined;
      });
      await client.connect();
      state.client = client;
    }
    await state.client.query("SELECT 1");
    state.reachable = true;
  } catch {
    state.reachable = false;
    const broken = state.client;
    state.client = undefined;
    await broken?.end().catch(() => undefined);
  }
  state.checkedAt = Date.now();
  return state.reachable;
}

/** Answers from the last check when it is recent enough, else checks (one check at a time). */
export async function databaseReachable(): Promise<boolean> {
  const config = env();
  if (!config.DATABASE_URL) return true;
  if (Date.now() - state.checkedAt < config.HOMEWARD_DATABASE_CHECK_MS) return state.reachable;
  state.probe ??= probe(config.DATABASE_URL).finally(() => {
    state.probe = undefined;
  });
  return state.probe;
}
