import "server-only";
import { db, type Tx } from "@/server/db";
import { audit, type AuditWho } from "@/server/audit/audit";
import { RATE_LIMITS, refusalMessage, type RateLimitName } from "./limits";

/** Over a limit: answered with 429 and Retry-After; the message says how long to wait. */
export class RateLimitedError extends Error {
  constructor(
    readonly limit: RateLimitName,
    readonly retryAfterSeconds: number,
  ) {
    super(refusalMessage(limit, retryAfterSeconds));
    this.name = "RateLimitedError";
  }
}

/** One limit and whom it counts (a user id, a hashed address, or "all"). */
export type RateLimitCheck = { limit: RateLimitName; subject: string };

// Ended windows are deleted by about one hit in this many, not by every hit.
const PRUNE_ONE_IN = 100;
const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((limit) => limit.windowMs));

/**
 * Counts one hit against each limit in turn, in one transaction; the first limit that is over is
 * audited (`rate_limit.refused`) in that transaction and thrown. A refused hit does not count
 * against the limits after it, so one address that is refused cannot use up the overall limit.
 */
export async function enforceRateLimits(checks: readonly RateLimitCheck[], who: AuditWho, context: { now?: Date } = {}): Promise<void> {
  const now = context.now ?? new Date();
  const refusal = await db().$transaction(async (tx) => {
    for (const check of checks) {
      const retryAfterSeconds = await countHit(tx, check, now);
      if (retryAfterSeconds !== null) {
        await audit(tx, who, "rate_limit.refused", { outcome: "DENIED", details: { limit: check.limit } });
        return new RateLimitedError(check.limit, retryAfterSeconds);
      }
    }
    return null;
  });
  if (Math.random() < 1 / PRUNE_ONE_IN) await pruneRateLimitWindows(now);
  if (refusal) throw refusal;
}

/**
 * Adds the hit to its fixed window in one statement (concurrent hits from any number of instances
 * are all counted); null when the count is within the limit, else the seconds until the window ends.
 */
async function countHit(tx: Tx, check: RateLimitCheck, now: Date): Promise<number | null> {
  const { max, windowMs } = RATE_LIMITS[check.limit];
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${`${check.limit}:${check.subject}`}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  if (row!.count <= max) return null;
  return Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
}

/** Deletes the windows that ended before the longest window could still be counting; returns how many. */
export async function pruneRateLimitWindows(now: Date): Promise<number> {
  const { count } = await db().rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - LONGEST_WINDOW_MS) } } });
  return count;
}

/** The 429 answer: the body (by default the API's error shape) and when to try again. */
export function tooManyRequests(error: RateLimitedError, body: object = { error: error.message }): Response {
  return Response.json(body, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
}
