import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ValidationError } from "@/server/use-case-errors";
import { createTeam } from "@/server/teams/create-team";
import { renameTeam } from "@/server/teams/rename-team";
import { deleteTeam } from "@/server/teams/delete-team";
import { setTeamSupervisors } from "@/server/teams/set-team-supervisors";
import { setOnCallList } from "@/server/teams/set-on-call-list";
import { supervisorsOf } from "@/server/teams/supervisors-of";
import { onCallOf } from "@/server/teams/on-call-of";
import { listTeams } from "@/server/teams/list-teams";
import { updateUser } from "@/server/users/update-user";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

beforeEach(resetDatabase);

const ctx = () => ({ requestId: requestId() });
const details = async (action: string) => (await db().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } })).map((e) => ({ outcome: e.outcome, details: e.details }));

async function agencyWithAdmin() {
  const agency = await makeAgency();
  return { agency, admin: await signInAs(await makeUser(agency.id, "ADMIN")) };
}

const member = (user: { id: string; name: string; email: string }, teamId: string, roles = ["CASEWORKER"]) => ({
  name: user.name, email: user.email, roles, teamId, onCall: false,
});

describe("teams", () => {
  it("creates a team with a name unique in the agency, renames and deletes it when empty, each audited", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const { teamId } = await createTeam(admin, { name: "Intake team" }, ctx());
    await expect(createTeam(admin, { name: "intake TEAM" }, ctx())).rejects.toMatchObject({ fieldErrors: { name: expect.stringMatching(/already has a team/) } });
    // Another agency may use the same name.
    const other = await agencyWithAdmin();
    await createTeam(other.admin, { name: "Intake team" }, ctx());
    expect(await renameTeam(admin, teamId, { name: "Night intake" }, ctx())).toEqual({ changed: true });
    const caseworker = await makeUser(agency.id, "CASEWORKER");
    await updateUser(admin, caseworker.id, member(caseworker, teamId), ctx());
    await expect(deleteTeam(admin, teamId, ctx())).rejects.toMatchObject({ message: expect.stringMatching(/still has members/) });
    await updateUser(admin, caseworker.id, member(caseworker, ""), ctx());
    await deleteTeam(admin, teamId, ctx());
    expect(await db().team.count({ where: { agencyId: agency.id } })).toBe(0);
    expect(await details("team.created")).toHaveLength(2);
    expect(await details("team.renamed")).toEqual([{ outcome: "SUCCESS", details: { before: { name: "Intake team" }, after: { name: "Night intake" } } }]);
    expect(await details("team.deleted")).toEqual([{ outcome: "SUCCESS", details: { name: "Night intake" } }]);
    expect(await details("team.change_refused")).toEqual([
      { outcome: "DENIED", details: { reason: "name-in-use" } },
      { outcome: "DENIED", details: { reason: "not-empty" } },
    ]);
  });

  it("refuses an empty or tampered name, a supervisor changing teams, and another agency's team", async () => {
    const { agency, admin } = await agencyWithAdmin();
    await expect(createTeam(admin, { name: "  " }, ctx())).rejects.toMatchObject({ fieldErrors: { name: "Enter the team's name" } });
    await expect(createTeam(admin, { name: "Bad\u0007name" }, ctx())).rejects.toBeInstanceOf(ValidationError);
    const supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
    await expect(createTeam(supervisor, { name: "Mine" }, ctx())).rejects.toBeInstanceOf(ForbiddenError);
    const other = await agencyWithAdmin();
    const { teamId } = await createTeam(other.admin, { name: "Theirs" }, ctx());
    await expect(renameTeam(admin, teamId, { name: "Ours now" }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTeam(admin, teamId, ctx())).rejects.toBeInstanceOf(NotFoundError);
    await expect(setTeamSupervisors(admin, teamId, { userIds: [] }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().team.findMany({ select: { name: true } })).toEqual([{ name: "Theirs" }]);
  });

  it("sets a team's supervisors only from active people holding SUPERVISOR, audited before and after", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const { teamId } = await createTeam(admin, { name: "Intake team" }, ctx());
    const sam = await makeUser(agency.id, "SUPERVISOR");
    const caseworker = await makeUser(agency.id, "CASEWORKER");
    const away = await makeUser(agency.id, "SUPERVISOR", { active: false });
    const foreign = await makeUser((await makeAgency()).id, "SUPERVISOR");
    for (const userIds of [[], [caseworker.id], [away.id], [foreign.id]]) {
      await expect(setTeamSupervisors(admin, teamId, { userIds }, ctx())).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await setTeamSupervisors(admin, teamId, { userIds: [sam.id] }, ctx())).toEqual({ changed: true });
    expect(await details("team.supervisors_set")).toEqual([{ outcome: "SUCCESS", details: { before: [], after: [sam.id] } }]);
    const overview = await listTeams(admin, ctx());
    expect(overview.teams).toEqual([{ id: teamId, name: "Intake team", supervisors: [{ id: sam.id, name: sam.name, active: true }], members: [] }]);
    // Taking the role away takes the team away from them.
    await updateUser(admin, sam.id, member(sam, "", ["CASEWORKER"]), ctx());
    expect((await listTeams(admin, ctx())).teams[0]!.supervisors).toEqual([]);
  });
});

describe("a caseworker's supervisors and the on-call list", () => {
  it("supervisorsOf answers the active supervisors of the caseworker's team", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const { teamId } = await createTeam(admin, { name: "Intake team" }, ctx());
    const { teamId: otherTeam } = await createTeam(admin, { name: "Placement team" }, ctx());
    const [sam, avery, lee] = [await makeUser(agency.id, "SUPERVISOR"), await makeUser(agency.id, "SUPERVISOR"), await makeUser(agency.id, "SUPERVISOR")];
    const caseworker = await makeUser(agency.id, "CASEWORKER");
    const loner = await makeUser(agency.id, "CASEWORKER");
    await updateUser(admin, caseworker.id, member(caseworker, teamId), ctx());
    await setTeamSupervisors(admin, teamId, { userIds: [sam.id, avery.id] }, ctx());
    await setTeamSupervisors(admin, otherTeam, { userIds: [lee.id] }, ctx());
    const ids = async (userId: string) => (await db().$transaction((tx) => supervisorsOf(tx, userId))).map((p) => p.id).sort();
    expect(await ids(caseworker.id)).toEqual([sam.id, avery.id].sort());
    expect(await ids(loner.id)).toEqual([]);
    // A deactivated supervisor, or one who no longer holds SUPERVISOR, is not asked.
    await db().user.update({ where: { id: avery.id }, data: { active: false } });
    expect(await ids(caseworker.id)).toEqual([sam.id]);
    await db().user.update({ where: { id: sam.id }, data: { roles: ["CASEWORKER"] } });
    expect(await ids(caseworker.id)).toEqual([]);
  });

  it("onCallOf answers the agency's active people on the on-call list, set from the teams page", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const sam = await makeUser(agency.id, "SUPERVISOR");
    const avery = await makeUser(agency.id, "SUPERVISOR");
    const foreign = await makeUser((await makeAgency()).id, "SUPERVISOR");
    await expect(setOnCallList(admin, { userIds: [foreign.id] }, ctx())).rejects.toBeInstanceOf(ValidationError);
    expect(await setOnCallList(admin, { userIds: [sam.id, avery.id] }, ctx())).toEqual({ changed: true });
    const ids = async () => (await db().$transaction((tx) => onCallOf(tx, agency.id))).map((p) => p.id).sort();
    expect(await ids()).toEqual([sam.id, avery.id].sort());
    await db().user.update({ where: { id: avery.id }, data: { active: false } });
    expect(await ids()).toEqual([sam.id]);
    expect(await setOnCallList(admin, { userIds: [sam.id] }, ctx())).toEqual({ changed: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: avery.id } })).toMatchObject({ onCall: false });
    expect((await details("on_call.set")).map((e) => e.details)).toEqual([
      { before: [], after: [sam.id, avery.id].sort() },
      { before: [sam.id, avery.id].sort(), after: [sam.id] },
    ]);
    expect((await db().$transaction((tx) => onCallOf(tx, foreign.agencyId))).length).toBe(0);
  });
});
