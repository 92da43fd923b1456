import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { EpisodeRefusedError } from "@/server/episodes/change-episode";
import { syncEpisode } from "@/server/episodes/sync-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { startEpisode } from "@/server/episodes/start-episode";
import { requestClosure } from "@/server/episodes/request-closure";
import { approveClosure } from "@/server/episodes/approve-closure";
import { returnClosure } from "@/server/episodes/return-closure";
import { reopenEpisode } from "@/server/episodes/reopen-episode";
import { voidEpisode } from "@/server/episodes/void-episode";
import { searchChildren } from "@/server/children/search-children";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { NOTIFICATION_KINDS } from "@/server/notifications/notification-kinds";
import { episodeVersion, makeUser, reportedEpisode, requestId, signInAs, supervisedAgency, expectRefusedUnchanged } from "./support";

const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
const HOUR = 3_600_000;

let agencyId: string;
let caseworker: Actor;
let teamSupervisor: Actor;
let otherTeamSupervisor: Actor;
let onCallSupervisor: Actor;
let supervisingCaseworker: Actor;
let admin: Actor;
let outsider: Actor;

beforeEach(async () => {
  ({ agencyId, caseworker, teamSupervisor, otherTeamSupervisor, onCallSupervisor, supervisingCaseworker, admin, outsider } = await supervisedAgency());
});

/**
 * An episode with everything closing needs, written as rows (the recovery, the return notices, the
 * debrief and the screen have use cases and tests of their own), then synced as a use case would.
 */
async function completeEpisode(owner: Actor = caseworker, options: { childId?: string } = {}) {
  const reportedAt = new Date();
  const { episodeId, childId } = await reportedEpisode(owner, { now: reportedAt, ...options });
  await recordRecovery(episodeId, owner, new Date(reportedAt.getTime() - HOUR));
  await finishAfterRecovery(episodeId, owner);
  return { episodeId, childId };
}

async function recordRecovery(episodeId: string, owner: Actor, at: Date, marks: unknown[] = []) {
  await db().recovery.create({
    data: {
      episodeId,
      agencyId,
      locatedAt: at,
      recoveredAt: at,
      knownAt: at,
      address: "12 Hidden Lane, Albany",
      city: "Albany",
      state: "NY",
      placeKind: "FRIEND_HOME",
      recoveredBy: "LAW_ENFORCEMENT",
      condition: "Tired, a cut on the left hand",
      placement: "Oak Street foster home",
      packetSummary: "Found at a friend's house after a tip from a classmate",
      newMarks: marks as object[],
      recordedById: owner.userId,
      recordedAt: at,
    },
  });
  await sync(episodeId, owner);
}

async function finishAfterRecovery(episodeId: string, owner: Actor) {
  const now = new Date();
  for (const recipient of ["LAW_ENFORCEMENT", "NCMEC"] as const) {
    await db().episodeNotice.create({ data: { agencyId, episodeId, event: "RETURN", recipient, sentAt: now, confirmed: true, recordedById: owner.userId, recordedAt: now } });
  }
  await db().returnDebrief.create({
    data: {
      episodeId,
      agencyId,
      interviewerName: "Dana Reyes",
      interviewedAt: now,
      ranFrom: ["placement-conflict"],
      factorsNarrative: "Argued with a housemate",
      responseNow: "Room change",
      stayedWhere: "A friend's house",
      completedAt: now,
      recordedById: owner.userId,
      recordedAt: now,
    },
  });
  await db().traffickingScreen.create({ data: { agencyId, episodeId, instrument: "CSE_IT", version: "2.0", result: "NONE", screenedBy: "Dana Reyes", screenedAt: now, recordedById: owner.userId, recordedAt: now } });
  await db().traffickingDetermination.create({ data: { episodeId, agencyId, sex: "NOT_A_VICTIM", labor: "NOT_A_VICTIM", recordedById: owner.userId, recordedAt: now } });
  await sync(episodeId, owner);
}

const sync = (episodeId: string, actor: Actor) => db().$transaction((tx) => syncEpisode(tx, actor, episodeId, new Date()));
const view = (episodeId: string, actor: Actor = caseworker) => getEpisode(actor, episodeId, { permission: "cases:view", requestId: requestId() });
const valuesWith = async (episodeId: string, values: Record<string, string> = {}) => ({ version: await episodeVersion(episodeId), ...values });

const ask = async (episodeId: string, comment = "", who: Actor = caseworker) => requestClosure(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const approve = async (episodeId: string, who: Actor, comment = "") => approveClosure(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const giveBack = async (episodeId: string, who: Actor, comment: string) => returnClosure(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const reopen = async (episodeId: string, who: Actor, reason: string) => reopenEpisode(who, { episodeId, values: await valuesWith(episodeId, { reason }) }, ctx());
const voidIt = async (episodeId: string, who: Actor, reason: string) => voidEpisode(who, { episodeId, values: await valuesWith(episodeId, { reason }) }, ctx());

/** The episode's rows a refused change must leave as they were. */
async function snapshot(episodeId: string) {
  const [episode, approvals, entries, notifications] = await Promise.all([
    db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true, stage: true, closedAt: true, voidedAt: true } }),
    db().approval.findMany({ where: { episodeId }, select: { purpose: true, status: true, decidedById: true }, orderBy: { purpose: "asc" } }),
    db().approvalEntry.count(),
    db().notification.count(),
  ]);
  return { episode, approvals, entries, notifications };
}

const expectRefused = (episodeId: string, action: () => Promise<unknown>, error: new (...args: never[]) => Error, message?: RegExp) =>
  expectRefusedUnchanged(() => snapshot(episodeId), action, error, message);

const refusals = (change: string) =>
  db()
    .auditEvent.findMany({ where: { action: "episode.change_refused", outcome: "DENIED" }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((row) => row.details).filter((details) => (details as { change: string }).change === change));

describe("asking for closure", () => {
  it("is refused with exactly what is still missing, and audited", async () => {
    const { episodeId } = await reportedEpisode(caseworker);
    const error = await expectRefused(episodeId, () => ask(episodeId), EpisodeRefusedError);
    expect((error as Error).message).toBe(
      "Closure cannot be asked for yet. Still missing: Record the child's recovery, or that the episode ended without one.",
    );
    await recordRecovery(episodeId, caseworker, new Date(Date.now() - HOUR));
    const { progress } = await view(episodeId);
    const afterRecovery = (await expectRefused(episodeId, () => ask(episodeId), EpisodeRefusedError)) as Error;
    // Every item progress names, in its words, and nothing else.
    expect(progress.closure.missing).toEqual([
      "Record every notice of the child's return (law enforcement, NCMEC and the agency's list).",
      "Record every notice of the child's return (law enforcement, NCMEC and the agency's list).",
      "Record the return debrief as complete, with its trafficking screen.",
    ]);
    expect(afterRecovery.message).toBe(`Closure cannot be asked for yet. Still missing: ${progress.closure.missing.join(" ")}`);
    expect(await refusals("request-closure")).toEqual([
      { change: "request-closure", reason: "items-missing" },
      { change: "request-closure", reason: "items-missing" },
    ]);
    // Submitting asked for the report's review; closure was never asked for.
    expect(await db().approval.count({ where: { purpose: "CLOSURE" } })).toBe(0);
  });

  it("when nothing is missing: awaiting sign-off, one record with its first entry, the team's supervisors told without the child's name", async () => {
    const { episodeId } = await completeEpisode();
    expect((await view(episodeId)).progress.closure).toMatchObject({ canRequest: true, missing: [], state: "none" });
    const { version } = await ask(episodeId, "Everything is recorded");
    expect(version).toBe(await episodeVersion(episodeId));
    const after = await view(episodeId);
    expect(after.progress.stage).toBe("awaiting-sign-off");
    expect(after.facts.closure).toMatchObject({ status: "REQUESTED", requestedById: caseworker.userId, entries: [{ action: "REQUESTED", comment: "Everything is recorded", byId: caseworker.userId }] });
    expect((await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).stage).toBe("AWAITING_SIGN_OFF");
    // The team's two supervisors; not the other team's, not the on-call list (the team has supervisors).
    const told = await db().notification.findMany({ where: { kind: "closure.requested" } });
    expect(told.map((n) => n.userId).sort()).toEqual([teamSupervisor.userId, supervisingCaseworker.userId].sort());
    expect(told.every((n) => JSON.stringify(n.details) === JSON.stringify({ episodeId }))).toBe(true);
    for (const words of Object.values(NOTIFICATION_KINDS).flatMap((kind) => [kind.title, kind.text])) expect(words).not.toMatch(/Jordan|Rivera/);
    const [event] = await db().auditEvent.findMany({ where: { action: "closure.requested" } });
    expect(event?.details).toEqual({ again: false, comment: true, notified: 2 });
    // Asked once; asking again while it waits is refused.
    await expectRefused(episodeId, () => ask(episodeId), EpisodeRefusedError, /waiting for a supervisor/);
    // It lists under the supervisors' filter.
    const listed = await listEpisodes(teamSupervisor, { stage: "awaiting-sign-off", sort: "deadline", direction: "asc", cursor: null }, ctx());
    expect(listed.rows.map((row) => row.id)).toEqual([episodeId]);
  });

  it("tells the on-call list when the caseworker's team has no supervisor", async () => {
    await db().teamSupervisor.deleteMany({});
    const { episodeId } = await completeEpisode();
    await ask(episodeId);
    expect((await db().notification.findMany({ where: { kind: "closure.requested" } })).map((n) => n.userId)).toEqual([onCallSupervisor.userId]);
  });

  it("is refused to a supervisor (no filing permission), for another agency's episode, and from a stale page", async () => {
    const { episodeId } = await completeEpisode();
    await expectRefused(episodeId, () => ask(episodeId, "", teamSupervisor), ForbiddenError);
    await expectRefused(episodeId, () => requestClosure(outsider, { episodeId, values: { version: 1, comment: "" } }, ctx()), ForbiddenError);
    const outsiderCaseworker = await signInAs(await makeUser((await db().user.findUniqueOrThrow({ where: { id: outsider.userId } })).agencyId, "CASEWORKER"));
    await expectRefused(episodeId, async () => requestClosure(outsiderCaseworker, { episodeId, values: await valuesWith(episodeId) }, ctx()), NotFoundError);
    const stale = (await episodeVersion(episodeId)) - 1;
    const error = await expectRefused(episodeId, () => requestClosure(caseworker, { episodeId, values: { version: stale, comment: "" } }, ctx()), ConflictError);
    expect(error).toMatchObject({ code: "STALE_VERSION" });
    await expectRefused(episodeId, async () => requestClosure(caseworker, { episodeId, values: { ...(await valuesWith(episodeId)), comment: 42 } }, ctx()), ValidationError);
  });
});

describe("signing off", () => {
  it("is forbidden to a caseworker, and refused (audited) to a supervisor approving their own episode or another team's", async () => {
    const { episodeId } = await completeEpisode();
    await ask(episodeId);
    await expectRefused(episodeId, () => approve(episodeId, caseworker), ForbiddenError);
    await expectRefused(episodeId, () => approve(episodeId, otherTeamSupervisor), EpisodeRefusedError, /caseworker's team, or one on the agency's on-call list/);
    await expectRefused(episodeId, () => giveBack(episodeId, otherTeamSupervisor, "No"), EpisodeRefusedError);
    await expectRefused(episodeId, () => approve(episodeId, admin), ForbiddenError);

    const own = await completeEpisode(supervisingCaseworker);
    await ask(own.episodeId, "", supervisingCaseworker);
    await expectRefused(own.episodeId, () => approve(own.episodeId, supervisingCaseworker), EpisodeRefusedError, /Nobody signs off their own episode/);
    expect(await refusals("approve-closure")).toEqual([
      { change: "approve-closure", reason: "not-their-team" },
      { change: "approve-closure", reason: "own-episode" },
    ]);
    const denied = await db().auditEvent.findMany({ where: { action: "episode.change_refused", actorUserId: supervisingCaseworker.userId } });
    expect(denied.map((event) => [event.outcome, event.targetId])).toEqual([["DENIED", own.episodeId]]);
    // Their own team's other supervisor may.
    await approve(own.episodeId, teamSupervisor);
    expect((await view(own.episodeId)).progress.stage).toBe("closed");
  });

  it("is allowed to a supervisor on the on-call list: the episode closes and the caseworker is told", async () => {
    const { episodeId } = await completeEpisode();
    await ask(episodeId);
    const at = new Date();
    await approveClosure(onCallSupervisor, { episodeId, values: await valuesWith(episodeId, { comment: "" }) }, ctx(at));
    const row = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(row.closedAt).toEqual(at);
    expect(row.stage).toBe("CLOSED");
    const { facts, progress } = await view(episodeId);
    expect(progress.stage).toBe("closed");
    expect(progress.editable).toBe(false);
    expect(facts.closure).toMatchObject({ status: "APPROVED", decidedById: onCallSupervisor.userId, decidedAt: at });
    expect(facts.closure?.entries.map((entry) => entry.action)).toEqual(["REQUESTED", "APPROVED"]);
    expect((await db().notification.findMany({ where: { kind: "closure.approved" } })).map((n) => n.userId)).toEqual([caseworker.userId]);
    // The clock rows are what progress derives: none left open.
    const clocks = await db().episodeClock.findMany({ where: { episodeId } });
    expect(clocks.map((clock) => [clock.kind, clock.subject, clock.doneAt]).sort()).toEqual(progress.clocks.map((clock) => [clock.kind, clock.subject, clock.doneAt]).sort());
    // A closed episode takes no more changes, nor a second approval.
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), ConflictError, /closed/);
    await expectRefused(episodeId, () => ask(episodeId), ConflictError, /closed/);
  });

  it("is refused when closure was not asked for, and when something fell due again since", async () => {
    const { episodeId } = await completeEpisode();
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), EpisodeRefusedError, /nothing to approve/);
    await expectRefused(episodeId, () => giveBack(episodeId, teamSupervisor, "Why?"), EpisodeRefusedError, /nothing to return/);
    await ask(episodeId);
    // The return notice to NCMEC is no longer on record while the request waits.
    await db().episodeNotice.deleteMany({ where: { episodeId, recipient: "NCMEC", event: "RETURN" } });
    await sync(episodeId, caseworker);
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), EpisodeRefusedError, /missing again since closure was asked for: Record every notice of the child's return/);
  });

  it("returns with a required comment the caseworker sees; asked again with an answer, then approved: closed", async () => {
    const { episodeId } = await completeEpisode();
    await ask(episodeId, "Ready for sign-off");
    await expectRefused(episodeId, () => giveBack(episodeId, teamSupervisor, "  "), ValidationError);
    await giveBack(episodeId, teamSupervisor, "Add the officer's name to the recovery");
    const returned = await view(episodeId);
    expect(returned.progress.stage).toBe("recovered");
    expect(returned.progress.closure).toMatchObject({ state: "returned", canRequest: true, returnedComment: "Add the officer's name to the recovery" });
    expect((await db().notification.findMany({ where: { kind: "closure.returned" } })).map((n) => n.userId)).toEqual([caseworker.userId]);
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), EpisodeRefusedError, /nothing to approve/);

    await ask(episodeId, "Officer's name added");
    await approve(episodeId, teamSupervisor, "Thank you");
    const { facts, progress } = await view(episodeId);
    expect(progress.stage).toBe("closed");
    expect(facts.closure?.entries.map((entry) => [entry.action, entry.comment, entry.byId])).toEqual([
      ["REQUESTED", "Ready for sign-off", caseworker.userId],
      ["RETURNED", "Add the officer's name to the recovery", teamSupervisor.userId],
      ["REQUESTED", "Officer's name added", caseworker.userId],
      ["APPROVED", "Thank you", teamSupervisor.userId],
    ]);
    expect((await db().auditEvent.findMany({ where: { action: { startsWith: "closure." } }, orderBy: { id: "asc" } })).map((event) => [event.action, event.details])).toEqual([
      ["closure.requested", { again: false, comment: true, notified: 2 }],
      ["closure.returned", {}],
      ["closure.requested", { again: true, comment: true, notified: 2 }],
      ["closure.approved", {}],
    ]);
  });
});

describe("reopening", () => {
  it("reopens a closed episode with a reason; refuses an open one, without a reason, and for a caseworker", async () => {
    const { episodeId } = await completeEpisode();
    await expectRefused(episodeId, () => reopen(episodeId, teamSupervisor, "Why not"), EpisodeRefusedError, /Only a closed episode/);
    await ask(episodeId);
    await approve(episodeId, teamSupervisor);
    await expectRefused(episodeId, () => reopen(episodeId, teamSupervisor, ""), ValidationError);
    await expectRefused(episodeId, () => reopen(episodeId, caseworker, "Mine"), ForbiddenError);
    const outsiderVersion = await episodeVersion(episodeId);
    await expectRefused(episodeId, () => reopenEpisode(outsider, { episodeId, values: { version: outsiderVersion, reason: "x" } }, ctx()), NotFoundError);
    await reopen(episodeId, onCallSupervisor, "The court asked for the placement to be reviewed");
    const { facts, progress } = await view(episodeId);
    expect(facts.closedAt).toBeNull();
    expect(progress.stage).toBe("recovered");
    expect(progress.editable).toBe(true);
    expect(facts.closure).toMatchObject({ status: "REOPENED", decidedById: onCallSupervisor.userId });
    expect(facts.closure?.entries.at(-1)).toMatchObject({ action: "REOPENED", comment: "The court asked for the placement to be reviewed" });
    expect(await db().auditEvent.count({ where: { action: "episode.reopened", targetId: episodeId } })).toBe(1);
    // Its closure is asked for and signed off anew.
    await ask(episodeId, "Reviewed");
    await approve(episodeId, teamSupervisor);
    expect((await view(episodeId)).progress.stage).toBe("closed");
  });
});

describe("voiding", () => {
  it("needs a supervisor and a reason; a voided episode is kept but left out of every count and takes no change", async () => {
    const { episodeId, childId } = await reportedEpisode(caseworker);
    await expectRefused(episodeId, () => voidIt(episodeId, caseworker, "Entered twice"), ForbiddenError);
    await expectRefused(episodeId, () => voidIt(episodeId, teamSupervisor, ""), ValidationError);
    const outsiderVersion = await episodeVersion(episodeId);
    await expectRefused(episodeId, () => voidEpisode(outsider, { episodeId, values: { version: outsiderVersion, reason: "x" } }, ctx()), NotFoundError);
    await expectRefused(episodeId, () => voidEpisode(teamSupervisor, { episodeId, values: { version: outsiderVersion - 1, reason: "x" } }, ctx()), ConflictError);
    const open = () => listEpisodes(teamSupervisor, { stage: "open", sort: "deadline", direction: "asc", cursor: null }, ctx());
    expect((await open()).total).toBe(1);

    await voidIt(episodeId, teamSupervisor, "Entered twice for the same absence");
    const { facts, progress } = await view(episodeId);
    expect(facts.voided).toMatchObject({ voidedById: teamSupervisor.userId, reason: "Entered twice for the same absence" });
    expect(progress.stage).toBe("voided");
    expect(await db().episodeClock.count({ where: { episodeId } })).toBe(0);
    expect((await open()).total).toBe(0);
    expect((await listEpisodes(teamSupervisor, { stage: "voided", sort: "deadline", direction: "asc", cursor: null }, ctx())).rows.map((row) => row.id)).toEqual([episodeId]);
    const [child] = await searchChildren(caseworker, { name: "Jordan", dateOfBirth: "", agencyCaseNumber: "" }, ctx());
    expect(child).toMatchObject({ openEpisodeId: null, episodeCount: 0 });
    expect((await getAgencyUser(admin, caseworker.userId, ctx())).openEpisodes).toEqual([]);
    // No change after: not even reopening.
    await expectRefused(episodeId, () => voidIt(episodeId, teamSupervisor, "Again"), ConflictError, /voided/);
    await expectRefused(episodeId, () => reopen(episodeId, teamSupervisor, "Undo"), EpisodeRefusedError, /voided/);
    await expectRefused(episodeId, () => ask(episodeId), ConflictError, /voided/);
    // The child can be reported again at once.
    await expect(startEpisode(caseworker, { childId }, ctx())).resolves.toHaveProperty("episodeId");
  });
});

describe("a child who runs again", () => {
  it("gets a new episode once recovered, even with the debrief due or the sign-off pending; not while still missing or only located", async () => {
    const first = await reportedEpisode(caseworker);
    const refused = await startEpisode(caseworker, { childId: first.childId }, ctx()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ code: "OPEN_EPISODE", details: { episodeId: first.episodeId }, message: expect.stringContaining("still missing") });
    await db().recovery.create({ data: { episodeId: first.episodeId, agencyId, locatedAt: new Date(), recordedById: caseworker.userId, recordedAt: new Date() } });
    await expect(startEpisode(caseworker, { childId: first.childId }, ctx())).rejects.toMatchObject({ code: "OPEN_EPISODE" });
    expect((await searchChildren(caseworker, { name: "Jordan", dateOfBirth: "", agencyCaseNumber: "" }, ctx()))[0]?.openEpisodeId).toBe(first.episodeId);

    // Recovered, with a new tattoo: the debrief is due.
    const at = new Date(Date.now() - HOUR);
    await db().recovery.update({
      where: { episodeId: first.episodeId },
      data: { recoveredAt: at, knownAt: at, newMarks: [{ kind: "tattoo", location: "right forearm", description: "A rose" }, { kind: "tattoo", location: "left wrist", description: "Small star" }] },
    });
    await sync(first.episodeId, caseworker);
    expect((await view(first.episodeId)).progress.stage).toBe("debrief-due");
    expect((await searchChildren(caseworker, { name: "Jordan", dateOfBirth: "", agencyCaseNumber: "" }, ctx()))[0]?.openEpisodeId).toBeNull();
    const { episodeId: second } = await startEpisode(caseworker, { childId: first.childId }, ctx());
    const prefill = (await view(second)).facts.prefill;
    // The description carries the last one's marks and the new one from the recovery, each once.
    expect(prefill?.description?.marks).toEqual([
      { kind: "tattoo", location: "left wrist", description: "Small star" },
      { kind: "tattoo", location: "right forearm", description: "A rose" },
    ]);
    expect(prefill?.hasRunBefore).toBe(true);
    // The new one is missing: a third is refused.
    await expect(startEpisode(caseworker, { childId: first.childId }, ctx())).rejects.toMatchObject({ code: "OPEN_EPISODE", details: { episodeId: second } });
  });

  it("gets a new episode while the last one's sign-off is pending", async () => {
    const first = await completeEpisode();
    await ask(first.episodeId);
    await expect(startEpisode(caseworker, { childId: first.childId }, ctx())).resolves.toHaveProperty("episodeId");
  });
});
