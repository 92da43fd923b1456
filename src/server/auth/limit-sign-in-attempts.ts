import "server-only";
import { enforceRateLimits, type RateLimitCheck } from "@/server/rate-limit/rate-limit";

/**
 * Counts one sign-in attempt against its client address's limit, then against the limit of all
 * sign-ins; throws RateLimitedError (audited) over either. Runs before the password is checked,
 * so a refused attempt costs no password hashing. The per-account lock (sign-in.ts) still applies.
 */
export async function limitSignInAttempts(addressKey: string | null, context: { requestId: string; now?: Date }): Promise<void> {
  const checks: RateLimitCheck[] = [
    // An unknown address (a request that arrived before the address hook ran) is held by the overall limit alone.
    ...(addressKey ? [{ limit: "sign-in-address", subject: addressKey } as const] : []),
    { limit: "sign-in-all", subject: "all" },
  ];
  await enforceRateLimits(checks, { requestId: context.requestId, userId: null, agencyId: null }, context);
}
