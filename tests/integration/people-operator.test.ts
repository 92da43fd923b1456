import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/config/env";
import { findUsableToken } from "@/server/accounts/account-tokens";
import { seedDemoData, DEMO_TEAM_NAME } from "../../prisma/seed";
import { supervisorsOf } from "@/server/teams/supervisors-of";
import { onCallOf } from "@/server/teams/on-call-of";
import { makeAgency, makeUser, resetDatabase } from "./support";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

beforeEach(resetDatabase);

/** Runs an operator's command as `npm run` would: the script itself against this suite's database. */
async function operator(script: "admin-invite" | "agency-create", ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl() },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run this through npm run test:integration");
  return url;
}

const secretOf = (stdout: string) => /#([A-Za-z0-9_-]{43})\s*$/.exec(stdout)?.[1];
const usable = (secret: string | undefined, purpose: "INVITATION" | "PASSWORD_RESET") => db().$transaction((tx) => findUsableToken(tx, secret, purpose, new Date()));

describe("npm run agency:create", () => {
  it("adds the agency and prints its first admin's invitation link and nothing personal", async () => {
    const result = await operator("agency-create", "Hill County Family Services", "MO", "America/Chicago", "First.Admin@Hill.example.org");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("first.admin");
    const agency = await db().agency.findFirstOrThrow({ where: { name: "Hill County Family Services" } });
    expect(agency).toMatchObject({ state: "MO", timeZone: "America/Chicago" });
    const admin = await db().user.findUniqueOrThrow({ where: { email: "first.admin@hill.example.org" } });
    expect(admin).toMatchObject({ agencyId: agency.id, roles: ["ADMIN"], passwordHash: null, active: true });
    expect(await usable(secretOf(result.stdout), "INVITATION")).toMatchObject({ ok: true, token: { userId: admin.id } });
    const trail = await db().auditEvent.findMany({ where: { agencyId: agency.id }, orderBy: { id: "asc" }, select: { action: true, actorUserId: true } });
    expect(trail).toEqual([
      { action: "agency.created", actorUserId: null },
      { action: "user.invited", actorUserId: null },
    ]);
  });

  it("exits non-zero with a clear message on a bad state, time zone or address, adding nothing", async () => {
    for (const [args, message] of [
      [["Hill", "XX", "America/Chicago", "a@b.org"], /two-letter postal code/],
      [["Hill", "MO", "Mars/Olympus", "a@b.org"], /IANA name/],
      [["Hill", "MO", "America/Chicago", "not-an-address"], /e-mail address/],
      [["Hill", "MO"], /Usage/],
    ] as const) {
      const result = await operator("agency-create", ...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    expect(await db().agency.count()).toBe(0);
  });
});

describe("npm run admin:invite", () => {
  it("invites a new admin for an agency named exactly, or re-invites its existing person as admin", async () => {
    const agency = await makeAgency("River County");
    const created = await operator("admin-invite", "River County", "new.admin@river.example.org");
    expect(created.code).toBe(0);
    const admin = await db().user.findUniqueOrThrow({ where: { email: "new.admin@river.example.org" } });
    expect(admin).toMatchObject({ agencyId: agency.id, roles: ["ADMIN"] });
    expect((await usable(secretOf(created.stdout), "INVITATION")).ok).toBe(true);

    // A deactivated caseworker of the agency, who has a password: ADMIN back, active, a reset link.
    const former = await makeUser(agency.id, "CASEWORKER", { active: false });
    const again = await operator("admin-invite", agency.id, former.email);
    expect(again.code).toBe(0);
    expect(await db().user.findUniqueOrThrow({ where: { id: former.id } })).toMatchObject({ active: true, roles: ["CASEWORKER", "ADMIN"] });
    expect((await usable(secretOf(again.stdout), "PASSWORD_RESET")).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "user.updated", targetId: former.id, actorUserId: null } })).toBe(1);
  });

  it("refuses an unknown agency and another agency's address, with exit code 1", async () => {
    await makeAgency("River County");
    const other = await makeUser((await makeAgency()).id, "CASEWORKER");
    const unknown = await operator("admin-invite", "No Such County", "x@example.org");
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/No agency/) });
    const foreign = await operator("admin-invite", "River County", other.email);
    expect(foreign).toMatchObject({ code: 1, stderr: expect.stringMatching(/another agency/) });
    expect((await db().user.findUniqueOrThrow({ where: { id: other.id } })).roles).toEqual(["CASEWORKER"]);
  });
});

describe("demo data", () => {
  it("puts each demo caseworker in a team led by the demo supervisor, who is on call; a second run changes nothing", async () => {
    expect(await seedDemoData(databaseUrl(), "demo-password-for-tests-2026")).toEqual({ created: true });
    expect(await seedDemoData(databaseUrl(), "demo-password-for-tests-2026")).toEqual({ created: false });
    for (const domain of ["demo.example.org", "neighbor.example.org"]) {
      const caseworker = await db().user.findUniqueOrThrow({ where: { email: `caseworker@${domain}` }, select: { id: true, agencyId: true, team: { select: { name: true } } } });
      const supervisor = await db().user.findUniqueOrThrow({ where: { email: `supervisor@${domain}` }, select: { id: true } });
      expect(caseworker.team?.name).toBe(DEMO_TEAM_NAME);
      expect((await db().$transaction((tx) => supervisorsOf(tx, caseworker.id))).map((p) => p.id)).toEqual([supervisor.id]);
      expect((await db().$transaction((tx) => onCallOf(tx, caseworker.agencyId))).map((p) => p.id)).toEqual([supervisor.id]);
    }
    expect(await db().team.count()).toBe(2);
  });
});
