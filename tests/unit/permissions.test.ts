import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, KNOWN_ROLES, PERMISSIONS_BY_ROLE, can, permissionsOf } from "@/server/authz/permissions";

describe("permission map", () => {
  it("denies everything to a role it does not know", () => {
    for (const role of ["AUDITOR", "", "caseworker", "__proto__", "constructor", "toString"]) {
      expect(permissionsOf([role])).toEqual([]);
      for (const permission of ALL_PERMISSIONS) expect(can([role], permission)).toBe(false);
    }
    expect(permissionsOf([])).toEqual([]);
  });

  it("gives starting reports to caseworkers only and user administration to admins only", () => {
    expect(KNOWN_ROLES.filter((role) => can([role], "reports:file"))).toEqual(["CASEWORKER"]);
    expect(KNOWN_ROLES.filter((role) => can([role], "users:view"))).toEqual(["ADMIN"]);
    expect(KNOWN_ROLES.filter((role) => can([role], "agency:manage"))).toEqual(["ADMIN"]);
    expect(KNOWN_ROLES.filter((role) => can([role], "dashboard:view"))).toEqual(["SUPERVISOR"]);
    // A supervisor records a report, a notice or a search activity for a caseworker who is off, but starts no report.
    expect(KNOWN_ROLES.filter((role) => can([role], "episodes:record"))).toEqual(["CASEWORKER", "SUPERVISOR"]);
    expect(KNOWN_ROLES.filter((role) => can([role], "profile:manage"))).toEqual(KNOWN_ROLES);
  });

  it("gives a person with several roles what each of them grants, and an unknown role adds nothing", () => {
    expect(permissionsOf(["CASEWORKER", "SUPERVISOR"])).toEqual(
      ALL_PERMISSIONS.filter((p) => (PERMISSIONS_BY_ROLE.CASEWORKER as readonly string[]).includes(p) || (PERMISSIONS_BY_ROLE.SUPERVISOR as readonly string[]).includes(p)),
    );
    expect(can(["CASEWORKER", "SUPERVISOR"], "dashboard:view")).toBe(true);
    expect(can(["CASEWORKER", "SUPERVISOR"], "reports:file")).toBe(true);
    expect(can(["CASEWORKER", "SUPERVISOR"], "users:view")).toBe(false);
    expect(permissionsOf(["CASEWORKER", "AUDITOR"])).toEqual(permissionsOf(["CASEWORKER"]));
  });
});
