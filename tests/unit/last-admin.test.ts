import { describe, expect, it } from "vitest";
import { isActiveAdmin, leavesNoActiveAdmin } from "@/domain/last-admin";

const admin = (id: string, active = true) => ({ id, roles: ["ADMIN"], active });
const caseworker = (id: string) => ({ id, roles: ["CASEWORKER"], active: true });

describe("the agency's last active admin", () => {
  it("refuses taking ADMIN from the only active admin", () => {
    expect(leavesNoActiveAdmin([admin("a"), caseworker("c")], { id: "a", roles: ["CASEWORKER"], active: true })).toBe(true);
  });

  it("refuses deactivating the only active admin", () => {
    expect(leavesNoActiveAdmin([admin("a"), caseworker("c")], { id: "a", roles: ["ADMIN"], active: false })).toBe(true);
  });

  it("allows it while another active admin remains", () => {
    expect(leavesNoActiveAdmin([admin("a"), admin("b")], { id: "a", roles: ["CASEWORKER"], active: true })).toBe(false);
    expect(leavesNoActiveAdmin([admin("a"), admin("b")], { id: "b", roles: ["ADMIN"], active: false })).toBe(false);
  });

  it("does not count a deactivated admin as the one that remains", () => {
    expect(leavesNoActiveAdmin([admin("a"), admin("b", false)], { id: "a", roles: ["SUPERVISOR"], active: true })).toBe(true);
  });

  it("allows changes that keep the admin an active admin (a role added, a name changed)", () => {
    expect(leavesNoActiveAdmin([admin("a")], { id: "a", roles: ["ADMIN", "SUPERVISOR"], active: true })).toBe(false);
  });

  it("allows changes to people who are not admins", () => {
    expect(leavesNoActiveAdmin([admin("a"), caseworker("c")], { id: "c", roles: ["CASEWORKER"], active: false })).toBe(false);
  });

  it("does not block an agency that has no active admin already (an operator recovers it)", () => {
    expect(leavesNoActiveAdmin([admin("a", false), caseworker("c")], { id: "c", roles: ["CASEWORKER"], active: false })).toBe(false);
  });

  it("lets a reactivated admin count again", () => {
    expect(leavesNoActiveAdmin([admin("a", false), caseworker("c")], { id: "a", roles: ["ADMIN"], active: true })).toBe(false);
    expect(isActiveAdmin({ roles: ["ADMIN"], active: true })).toBe(true);
    expect(isActiveAdmin({ roles: ["ADMIN"], active: false })).toBe(false);
  });
});

describe("an account's status in words", async () => {
  const { accountStatus, accountStatusLabel } = await import("@/domain/account-status");
  const now = new Date("2026-12-04T12:00:00Z");
  const later = new Date("2026-12-04T12:10:00Z");
  const earlier = new Date("2026-12-04T11:50:00Z");

  it("says Deactivated first, then Invited, then Locked, else Active", () => {
    expect(accountStatus({ active: false, hasPassword: false, lockedUntil: later }, now)).toBe("DEACTIVATED");
    expect(accountStatus({ active: true, hasPassword: false, lockedUntil: null }, now)).toBe("INVITED");
    expect(accountStatus({ active: true, hasPassword: true, lockedUntil: later }, now)).toBe("LOCKED");
    expect(accountStatus({ active: true, hasPassword: true, lockedUntil: earlier }, now)).toBe("ACTIVE");
    expect(accountStatusLabel("INVITED")).toBe("Invited");
  });
});
