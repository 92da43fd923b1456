import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, PERMISSIONS_BY_ROLE, can, permissionsOf } from "@/server/authz/permissions";

describe("permission map", () => {
  it("denies everything to a role it does not know", () => {
    for (const role of ["AUDITOR", "", "caseworker", "__proto__", "constructor", "toString"]) {
      expect(permissionsOf(role)).toEqual([]);
      for (const permission of ALL_PERMISSIONS) expect(can(role, permission)).toBe(false);
    }
  });

  it("gives filing reports to caseworkers only and user administration to admins only", () => {
    expect(Object.keys(PERMISSIONS_BY_ROLE).filter((role) => can(role, "reports:file"))).toEqual(["CASEWORKER"]);
    expect(Object.keys(PERMISSIONS_BY_ROLE).filter((role) => can(role, "users:view"))).toEqual(["ADMIN"]);
    expect(Object.keys(PERMISSIONS_BY_ROLE).filter((role) => can(role, "dashboard:view"))).toEqual(["SUPERVISOR"]);
  });
});
