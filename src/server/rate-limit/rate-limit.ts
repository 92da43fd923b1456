import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
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
 * Counts one hit against each limit in turn, in one statement; the first limit that is over is
 * audited (`rate_limit.refused`) and thrown. A refused hit does not count against the limits after
 * it, so one address that is refused cannot use up the overall limit.
 *
 * One statement, not a transaction of several: every sign-in counts against the one row of the
 * overall limit, and a transaction would hold that row's lock (and a pooled connection) across round
 * trips, so a burst of sign-ins queued on it until the pool ran out (decision 025). The counter is
 * not a record anyone reads back; the refusal's event is written in a transaction of its own.
 */
export async function enforceRateLimits(checks: readonly RateLimitCheck[], who: AuditWho, context: { now?: Date } = {}): Promise<void> {
  const now = context.now ?? new Date();
  const counts = await countHits(checks, now);
  let refusal: RateLimitedError | null = null;
  for (const [i, check] of checks.entries()) {
    const { max, windowMs } = RATE_LIMITS[check.limit];
    const count = counts[i];
    if (count === undefined || count <= max) continue;
    const windowStart = windowStartOf(now, windowMs);
    refusal = new RateLimitedError(check.limit, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    break;
  }
  if (refusal) {
    const { limit } = refusal;
    await db().$transaction((tx) => audit(tx, who, "rate_limit.refused", { outcome: "DENIED", details: { limit } }));
  }
  if (Math.random() < 1 / PRUNE_ONE_IN) await pruneRateLimitWindows(now);
  if (refusal) throw refusal;
}

const windowStartOf = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/**
 * Adds the hit to each limit's fixed window, in order, in one statement (concurrent hits from any
 * number of instances are all counted); a limit is counted only when the one before it was within
 * its maximum. Answers each limit's count, or undefined for a limit not counted.
 */
async function countHits(checks: readonly RateLimitCheck[], now: Date): Promise<(number | undefined)[]> {
  if (checks.length === 0) return [];
  const steps = checks.map((check, i) => {
    const key = `${check.limit}:${check.subject}`;
    const windowStart = windowStartOf(now, RATE_LIMITS[check.limit].windowMs);
    const previous = checks[i - 1];
    const source = previous
      ? Prisma.sql`SELECT ${key}, ${windowStart}::timestamptz, 1 FROM ${Prisma.raw(`h${i - 1}`)} WHERE "count" <= ${RATE_LIMITS[previous.limit].max}`
      : Prisma.sql`VALUES (${key}, ${windowStart}::timestamptz, 1)`;
    return Prisma.sql`${Prisma.raw(`h${i}`)} AS (
      INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") ${source}
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      RETURNING "count")`;
  });
  const columns = checks.map((_, i) => Prisma.raw(`(SELECT "count" FROM h${i}) AS c${i}`));
  const [row] = await db().$queryRaw<Record<string, number | null>[]>`WITH ${Prisma.join(steps, ", ")} SELECT ${Prisma.join(columns, ", ")}`;
  return checks.map((_, i) => row?.[`c${i}`] ?? undefined);
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
