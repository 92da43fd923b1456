import { describe, expect, it } from "vitest";
import { LOCKOUT_MS, afterFailedSignIn, isLocked, type LockState } from "@/domain/sign-in-lockout";

const now = new Date("2026-11-01T05:30:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("sign-in lockout", () => {
  it("locks on the fifth failure in a row, for 15 minutes", () => {
    let state: LockState = { failedSignInCount: 0, lockedUntil: null };
    for (let attempt = 1; attempt <= 4; attempt++) {
      const next = afterFailedSignIn(state, now);
      expect(next.lockedNow).toBe(false);
      expect(next.failedSignInCount).toBe(attempt);
      state = next;
    }
    const fifth = afterFailedSignIn(state, now);
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.lockedUntil).toEqual(later(LOCKOUT_MS));
    expect(isLocked(fifth, later(LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(fifth, later(LOCKOUT_MS))).toBe(false);
  });

  it("starts a fresh count once a lock has run out", () => {
    const expired: LockState = { failedSignInCount: 5, lockedUntil: later(-1) };
    const next = afterFailedSignIn(expired, now);
    expect(next).toEqual({ failedSignInCount: 1, lockedUntil: null, lockedNow: false });
  });

  it("an account that never failed is not locked", () => {
    expect(isLocked({ failedSignInCount: 0, lockedUntil: null }, now)).toBe(false);
  });
});
