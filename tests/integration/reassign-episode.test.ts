import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { EpisodeRefusedError } from "@/server/episodes/change-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { reassignEpisode } from "@/server/episodes/reassign-episode";
import { listCaseworkers } from "@/server/episodes/list-caseworkers";
import { POST as reassignRoute } from "@/app/api/episodes/[episodeId]/reassign/route";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs, expectRefusedUnchanged } from "./support";
import { postEpisodeChange } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

const ctx = (id = requestId(), now?: Date) => ({ requestId: id, ...(now ? { now } : {}) });

let agencyId: string;
let otherAgencyId: string;
let caseworker: Actor;
let supervisor: Actor;
let colleagueId: string;
let episodeId: string;

async function person(agency: string, role: "CASEWORKER" | "SUPERVISOR" | "ADMIN", name: string, active = true) {
  const user = await makeUser(agency, role, { active });
  return db().user.update({ where: { id: user.id }, data: { name } });
}

beforeEach(async () => {
  await resetDatabase();
  agencyId = (await makeAgency("Demo County", "America/New_York")).id;
  otherAgencyId = (await makeAgency("Other County")).id;
  caseworker = await signInAs(await person(agencyId, "CASEWORKER", "Casey Morgan"));
  supervisor = await signInAs(await person(agencyId, "SUPERVISOR", "Sam Patel"));
  colleagueId = (await person(agencyId, "CASEWORKER", "Dana Reyes")).id;
  ({ episodeId } = await reportedEpisode(caseworker));
});

const reassign = async (to: string, who: Actor = supervisor, context = ctx()) => reassignEpisode(who, { episodeId, values: { version: await episodeVersion(episodeId), caseworkerId: to } }, context);

/** Everything a refused reassignment must leave as it was. */
async function snapshot() {
  const [episode, assignments, notifications, clocks] = await Promise.all([
    db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true, caseworkerId: true, stage: true } }),
    db().episodeAssignment.findMany({ where: { episodeId }, orderBy: { fromAt: "asc" } }),
    db().notification.count(),
    db().episodeClock.findMany({ where: { episodeId }, orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
  ]);
  return { episode, assignments, notifications, clocks };
}

const expectRefused = (action: () => Promise<unknown>, error: new (...args: never[]) => Error, message?: RegExp) => expectRefusedUnchanged(snapshot, action, error, message);

const refusalReasons = async () =>
  (await db().auditEvent.findMany({ where: { action: "episode.change_refused", outcome: "DENIED", targetId: episodeId }, orderBy: { id: "asc" } })).map((row) => ({
    ...(row.details as object),
    actor: row.actorUserId,
  }));

describe("reassigning an episode", () => {
  it("gives it to another active caseworker: the history of assignments, both told, audited in the same transaction, shown on the case", async () => {
    const before = await snapshot();
    const at = new Date();
    const id = requestId();
    const { version } = await reassign(colleagueId, supervisor, ctx(id, at));
    expect(version).toBe(before.episode.version + 1);

    const after = await snapshot();
    expect(after.episode.caseworkerId).toBe(colleagueId);
    // The clocks are the episode's, not the caseworker's: nothing restarts.
    expect(after.clocks).toEqual(before.clocks);
    expect(after.assignments.map((row) => [row.caseworkerId, row.assignedById, row.fromAt.getTime() === at.getTime(), row.untilAt])).toEqual([
      [caseworker.userId, caseworker.userId, false, at],
      [colleagueId, supervisor.userId, true, null],
    ]);

    const notifications = await db().notification.findMany({ where: { kind: { in: ["episode.assigned_to_you", "episode.assigned_away"] } }, orderBy: { kind: "asc" } });
    expect(notifications.map((n) => [n.kind, n.userId, n.details])).toEqual([
      ["episode.assigned_away", caseworker.userId, { episodeId }],
      ["episode.assigned_to_you", colleagueId, { episodeId }],
    ]);
    const events = await db().auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.action, event.actorUserId, event.targetId, event.details])).toEqual([
      ["episode.reassigned", supervisor.userId, episodeId, { fromUserId: caseworker.userId, toUserId: colleagueId }],
    ]);

    const { history, caseworkerName } = await getEpisode(supervisor, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
    expect(caseworkerName).toBe("Dana Reyes");
    expect(history.filter((entry) => entry.text.startsWith("Case reassigned")).map((entry) => [entry.text, entry.actorName])).toEqual([
      ["Case reassigned: from Casey Morgan to Dana Reyes", "Sam Patel"],
    ]);
  });

  it("tells a deactivated former caseworker nothing (a departed person's case is reassigned)", async () => {
    await db().user.update({ where: { id: caseworker.userId }, data: { active: false } });
    await reassign(colleagueId);
    expect((await db().notification.findMany({ where: { kind: { startsWith: "episode.assigned" } } })).map((n) => [n.kind, n.userId])).toEqual([["episode.assigned_to_you", colleagueId]]);
  });

  it("refuses (audited, nothing changed, the reason next to the field) a person of another agency, a deactivated one, one who is not a caseworker, the current caseworker", async () => {
    const elsewhere = await person(otherAgencyId, "CASEWORKER", "Other Caseworker");
    const inactive = await person(agencyId, "CASEWORKER", "Gone Caseworker", false);
    const otherSupervisor = await person(agencyId, "SUPERVISOR", "Pat Lee");
    const admin = await person(agencyId, "ADMIN", "Alex Admin");
    const cases: [string, RegExp][] = [
      [elsewhere.id, /not one of your agency's people/],
      ["7f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", /not one of your agency's people/],
      [inactive.id, /deactivated/],
      [otherSupervisor.id, /not a caseworker/],
      [admin.id, /not a caseworker/],
      [caseworker.userId, /already with this caseworker/],
    ];
    for (const [to, message] of cases) {
      const error = await expectRefused(() => reassign(to), ValidationError);
      expect((error as ValidationError).fieldErrors.caseworkerId).toMatch(message);
    }
    expect(await refusalReasons()).toEqual(
      ["not-found", "not-found", "inactive", "not-a-caseworker", "not-a-caseworker", "current-caseworker"].map((reason) => ({ change: "reassign", reason, actor: supervisor.userId })),
    );
    expect(await db().auditEvent.count({ where: { action: "episode.reassigned" } })).toBe(0);
  });

  it("is forbidden to a caseworker and an admin, not found for another agency's supervisor, refused from a stale page or with no choice", async () => {
    await expectRefused(() => reassign(colleagueId, caseworker), ForbiddenError);
    await expectRefused(async () => reassign(colleagueId, await signInAs(await person(agencyId, "ADMIN", "Alex Admin"))), ForbiddenError);
    await expectRefused(async () => reassign(colleagueId, await signInAs(await person(otherAgencyId, "SUPERVISOR", "Far Supervisor"))), NotFoundError);
    const stale = (await episodeVersion(episodeId)) - 1;
    await expectRefused(() => reassignEpisode(supervisor, { episodeId, values: { version: stale, caseworkerId: colleagueId } }, ctx()), ConflictError, /changed after you opened/);
    const error = await expectRefused(() => reassign(""), ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ caseworkerId: "Choose the caseworker who will take this case." });
  });

  it("refuses (audited) a closed or a voided episode", async () => {
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expectRefused(() => reassign(colleagueId), EpisodeRefusedError, /closed: reopen it/);
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: null, voidedAt: new Date(), voidedById: supervisor.userId, voidReason: "Twice" } });
    await expectRefused(() => reassign(colleagueId), EpisodeRefusedError, /voided/);
    expect(await refusalReasons()).toEqual([
      { change: "reassign", reason: "closed", actor: supervisor.userId },
      { change: "reassign", reason: "voided", actor: supervisor.userId },
    ]);
  });

  it("offers the agency's active caseworkers only, to supervisors only", async () => {
    await person(agencyId, "CASEWORKER", "Gone Caseworker", false);
    await person(otherAgencyId, "CASEWORKER", "Other Caseworker");
    expect((await listCaseworkers(supervisor)).map((p) => p.name)).toEqual(["Casey Morgan", "Dana Reyes"]);
    await expect(listCaseworkers(caseworker)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the reassign route", () => {
  it("answers a person of another agency with 422 and the field's message, a caseworker with 403, and a reassignment with the new version", async () => {
    const elsewhere = await person(otherAgencyId, "CASEWORKER", "Other Caseworker");
    expect(await postEpisodeChange(reassignRoute, { episodeId }, "reassign", { caseworkerId: elsewhere.id }, supervisor)).toEqual({
      status: 422,
      body: { error: "That person is not one of your agency's people. Choose a caseworker from the list.", fieldErrors: { caseworkerId: "That person is not one of your agency's people. Choose a caseworker from the list." } },
    });
    expect(await postEpisodeChange(reassignRoute, { episodeId }, "reassign", { caseworkerId: colleagueId }, caseworker)).toMatchObject({ status: 403 });
    const before = await episodeVersion(episodeId);
    expect(await postEpisodeChange(reassignRoute, { episodeId }, "reassign", { caseworkerId: colleagueId }, supervisor)).toEqual({ status: 200, body: { version: before + 1 } });
  });
});
