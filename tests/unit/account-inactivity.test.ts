import { describe, expect, it } from "vitest";
import { accountsToDeactivate, INACTIVITY_LIMIT_MS, isUnused, lastUsedAt, type AccountActivity } from "@/domain/account-inactivity";

const NOW = new Date("2026-12-04T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function account(id: string, overrides: Partial<AccountActivity> = {}): AccountActivity {
  return { id, roles: ["CASEWORKER"], active: true, lastSignInAt: ago(1 * DAY), createdAt: ago(400 * DAY), lastInvitedAt: null, lastReactivatedAt: null, ...overrides };
}

describe("an account unused for 90 days", () => {
  it("is unused at exactly 90 days after the last sign-in, and not a millisecond before", () => {
    expect(INACTIVITY_LIMIT_MS).toBe(90 * DAY);
    expect(isUnused(account("a", { lastSignInAt: ago(90 * DAY) }), NOW)).toBe(true);
    expect(isUnused(account("a", { lastSignInAt: ago(90 * DAY - 1) }), NOW)).toBe(false);
  });

  it("counts 90 days of elapsed time across a daylight-saving change", () => {
    // 2026-11-01 ends daylight saving time in the United States; the rule counts instants, not calendar days.
    const since = new Date("2026-09-05T12:00:00.000Z");
    expect(isUnused(account("a", { lastSignInAt: since }), new Date(since.getTime() + 90 * DAY))).toBe(true);
    expect(isUnused(account("a", { lastSignInAt: since }), new Date(since.getTime() + 90 * DAY - 1))).toBe(false);
  });

  it("for a person who never signed in, counts from when the account was made or last invited", () => {
    const neverSignedIn = account("a", { lastSignInAt: null, createdAt: ago(120 * DAY) });
    expect(lastUsedAt(neverSignedIn)).toEqual(ago(120 * DAY));
    expect(isUnused(neverSignedIn, NOW)).toBe(true);
    const invitedAgain = { ...neverSignedIn, lastInvitedAt: ago(10 * DAY) };
    expect(lastUsedAt(invitedAgain)).toEqual(ago(10 * DAY));
    expect(isUnused(invitedAgain, NOW)).toBe(false);
    expect(isUnused(account("b", { lastSignInAt: null, createdAt: ago(89 * DAY) }), NOW)).toBe(false);
  });

  it("counts from a reactivation, so a reactivated account is not deactivated again the next night", () => {
    const reactivated = account("a", { lastSignInAt: ago(200 * DAY), lastReactivatedAt: ago(1 * DAY) });
    expect(isUnused(reactivated, NOW)).toBe(false);
    expect(accountsToDeactivate([reactivated], NOW)).toEqual([]);
  });
});

describe("which accounts to deactivate", () => {
  it("picks every active unused account and leaves the used and the already inactive", () => {
    const accounts = [
      account("used"),
      account("unused", { lastSignInAt: ago(91 * DAY) }),
      account("never", { lastSignInAt: null, createdAt: ago(95 * DAY) }),
      account("inactive", { active: false, lastSignInAt: ago(300 * DAY) }),
      account("admin", { roles: ["ADMIN"] }),
    ];
    expect(accountsToDeactivate(accounts, NOW)).toEqual(["unused", "never"]);
  });

  it("spares the agency's last active admin", () => {
    const accounts = [account("admin", { roles: ["ADMIN"], lastSignInAt: ago(200 * DAY) }), account("worker", { lastSignInAt: ago(100 * DAY) })];
    expect(accountsToDeactivate(accounts, NOW)).toEqual(["worker"]);
  });

  it("with two admins both unused, keeps the one used more recently and deactivates the other", () => {
    const accounts = [
      account("older-admin", { roles: ["ADMIN"], lastSignInAt: ago(150 * DAY) }),
      account("newer-admin", { roles: ["SUPERVISOR", "ADMIN"], lastSignInAt: ago(100 * DAY) }),
    ];
    expect(accountsToDeactivate(accounts, NOW)).toEqual(["older-admin"]);
    // The same answer in any order.
    expect(accountsToDeactivate([...accounts].reverse(), NOW)).toEqual(["older-admin"]);
  });

  it("with two admins unused since the same instant, keeps the same one every time (the lower id)", () => {
    const accounts = [account("b-admin", { roles: ["ADMIN"], lastSignInAt: ago(100 * DAY) }), account("a-admin", { roles: ["ADMIN"], lastSignInAt: ago(100 * DAY) })];
    expect(accountsToDeactivate(accounts, NOW)).toEqual(["b-admin"]);
    expect(accountsToDeactivate([...accounts].reverse(), NOW)).toEqual(["b-admin"]);
  });

  it("deactivates unused admins when another admin is in use", () => {
    const accounts = [account("unused-admin", { roles: ["ADMIN"], lastSignInAt: ago(100 * DAY) }), account("busy-admin", { roles: ["ADMIN"] })];
    expect(accountsToDeactivate(accounts, NOW)).toEqual(["unused-admin"]);
  });

  it("does not count an inactive admin as the one who stays", () => {
    const accounts = [
      account("inactive-admin", { roles: ["ADMIN"], active: false }),
      account("unused-admin", { roles: ["ADMIN"], lastSignInAt: ago(100 * DAY) }),
    ];
    expect(accountsToDeactivate(accounts, NOW)).toEqual([]);
  });
});
