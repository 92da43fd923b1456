import "server-only";
import type { AuditDetails } from "@/server/audit/audit-events";

export type RateLimitName = AuditDetails<"rate_limit.refused">["limit"];

const MINUTE = 60 * 1000;

/**
 * Every rate limit: at most `max` hits per fixed window of `windowMs`, counted in PostgreSQL so
 * that it holds across app instances (docs/decisions/008-rate-limits.md). The names are the audit
 * catalogue's; `refusal` is the first half of what the person reads, the wait follows it.
 */
export const RATE_LIMITS = {
  // One address spraying passwords over many accounts (the per-account lock, 5 failures for 15
  // minutes, stops guessing at one account). An agency office signs in from one address, and each
  // sign-in counts twice (the password, then the code): room for an office of 50 at the start of a
  // shift, twice over.
  "sign-in-address": { max: 200, windowMs: 15 * MINUTE, refusal: "Too many sign-in attempts from this computer." },
  // All sign-ins together: a ceiling on the password hashing (argon2id, 19 MiB and tens of
  // milliseconds each) that many addresses at once can make the servers do, about ten times the
  // busiest minute expected. A short window, so that sign-in recovers a minute after a flood stops.
  "sign-in-all": { max: 300, windowMs: MINUTE, refusal: "Too many people are signing in to Homeward right now." },
  // The single-use links' pages (an invitation, a password reset), open to anyone: each check of a
  // chosen password looks it up in the common-password list and each acceptance hashes it. A link's
  // secret cannot be guessed; this holds back one address that floods them. A person uses a few.
  "account-link-address": { max: 30, windowMs: 15 * MINUTE, refusal: "Too many tries from this computer." },
  // Per user: each photo is decoded and re-encoded; a report needs a few.
  "photo-upload": { max: 30, windowMs: 10 * MINUTE, refusal: "You have uploaded a lot of photos in a short time." },
  // Per user: each packet renders a PDF with the photos; a report needs a few downloads.
  packet: { max: 60, windowMs: 10 * MINUTE, refusal: "You have generated a lot of report packets in a short time." },
} as const satisfies Record<RateLimitName, { max: number; windowMs: number; refusal: string }>;

/** What the person reads when refused: what happened, and how long to wait (whole minutes, at least one). */
export function refusalMessage(limit: RateLimitName, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${RATE_LIMITS[limit].refusal} Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"} and try again.`;
}
