/** Lockout after repeated failed sign-ins. Pure: `now` is passed in. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type LockState = { failedSignInCount: number; lockedUntil: Date | null };

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failed attempt. A lock that has run out starts a fresh count. */
export function afterFailedSignIn(state: LockState, now: Date): LockState & { lockedNow: boolean } {
  const expiredLock = state.lockedUntil !== null && !isLocked(state, now);
  const failedSignInCount = (expiredLock ? 0 : state.failedSignInCount) + 1;
  const lockedNow = failedSignInCount >= MAX_FAILED_SIGN_INS;
  return {
    failedSignInCount,
    lockedUntil: lockedNow ? new Date(now.getTime() + LOCKOUT_MS) : null,
    lockedNow,
  };
}
