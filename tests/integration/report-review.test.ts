import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { EpisodeRefusedError } from "@/server/episodes/change-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { requestReportReview } from "@/server/episodes/request-report-review";
import { approveReport } from "@/server/episodes/approve-report";
import { returnReport } from "@/server/episodes/return-report";
import { POST as approveRoute } from "@/app/api/episodes/[episodeId]/review/approve/route";
import { POST as returnRoute } from "@/app/api/episodes/[episodeId]/review/return/route";
import { POST as requestRoute } from "@/app/api/episodes/[episodeId]/review/request/route";
import { episodeVersion, makeUser, reportedEpisode, requestId, signInAs, supervisedAgency, expectRefusedUnchanged } from "./support";
import { postEpisodeChange } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

const ctx = (id = requestId()) => ({ requestId: id });

let caseworker: Actor;
let teamSupervisor: Actor;
let otherTeamSupervisor: Actor;
let onCallSupervisor: Actor;
let supervisingCaseworker: Actor;
let admin: Actor;
let outsider: Actor;

beforeEach(async () => {
  ({ caseworker, teamSupervisor, otherTeamSupervisor, onCallSupervisor, supervisingCaseworker, admin, outsider } = await supervisedAgency());
});

const valuesWith = async (episodeId: string, values: Record<string, unknown> = {}) => ({ version: await episodeVersion(episodeId), ...values });
const askAgain = async (episodeId: string, comment = "", who: Actor = caseworker) => requestReportReview(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const approve = async (episodeId: string, who: Actor, comment = "") => approveReport(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const giveBack = async (episodeId: string, who: Actor, comment: string) => returnReport(who, { episodeId, values: await valuesWith(episodeId, { comment }) }, ctx());
const view = (episodeId: string, actor: Actor = caseworker) => getEpisode(actor, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
const awaitingReview = async (who: Actor) =>
  (await listEpisodes(who, { stage: "awaiting-review", sort: "deadline", direction: "asc", cursor: null }, ctx())).rows.map((row) => row.id);

/** Everything a review must never touch, and everything a refused change must leave as it was. */
async function snapshot(episodeId: string) {
  const [episode, approvals, entries, notifications, clocks, lawEnforcement, ncmec, amendments] = await Promise.all([
    db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true, stage: true, submittedAt: true, closedAt: true, caseworkerId: true } }),
    db().approval.findMany({ where: { episodeId }, select: { purpose: true, status: true, decidedById: true }, orderBy: { purpose: "asc" } }),
    db().approvalEntry.count(),
    db().notification.count(),
    db().episodeClock.findMany({ where: { episodeId }, orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
    db().lawEnforcementReport.findMany({ where: { episodeId } }),
    db().ncmecReport.findMany({ where: { episodeId } }),
    db().episodeAmendment.count({ where: { episodeId } }),
  ]);
  return { episode, approvals, entries, notifications, clocks, lawEnforcement, ncmec, amendments };
}

const expectRefused = (episodeId: string, action: () => Promise<unknown>, error: new (...args: never[]) => Error, message?: RegExp) =>
  expectRefusedUnchanged(() => snapshot(episodeId), action, error, message);

const refusals = (change: string) =>
  db()
    .auditEvent.findMany({ where: { action: "episode.change_refused", outcome: "DENIED" }, orderBy: { id: "asc" } })
    .then((rows) =>
      rows.flatMap((row) => {
        const details = row.details as { change: string; reason: string };
        return details.change === change ? [{ ...details, actor: row.actorUserId, target: row.targetId }] : [];
      }),
    );

const told = (kind: string) => db().notification.findMany({ where: { kind }, orderBy: { createdAt: "asc" } });

describe("submitting a report asks for its review", () => {
  it("records the request, tells the team's supervisors, audits it in the submission's transaction; the reports never wait", async () => {
    const { episodeId } = await reportedEpisode(caseworker, { submit: false });
    const submission = requestId();
    await submitEpisode(caseworker, { episodeId, version: await episodeVersion(episodeId) }, ctx(submission));

    const { facts, progress } = await view(episodeId);
    expect(facts.review).toMatchObject({ status: "REQUESTED", requestedById: caseworker.userId, decidedById: null, entries: [{ action: "REQUESTED", comment: "", byId: caseworker.userId }] });
    expect(progress.review).toEqual({ state: "requested", canRequest: false, notNow: "Review has been asked for and is waiting for a supervisor.", returnedComment: null, changedSinceDecision: [] });
    // Nothing waits for it: the stage is the reported one, and both reports' clocks are met.
    expect(progress.stage).toBe("reported");
    expect(progress.clocks.filter((clock) => clock.kind === "LAW_ENFORCEMENT_REPORT" || clock.kind === "NCMEC_REPORT").map((clock) => clock.doneAt !== null)).toEqual([true, true]);

    // The caseworker's team's two supervisors; not the other team's, not the on-call list. Ids only.
    const asked = await told("review.requested");
    expect(asked.map((n) => n.userId).sort()).toEqual([teamSupervisor.userId, supervisingCaseworker.userId].sort());
    expect(asked.every((n) => JSON.stringify(n.details) === JSON.stringify({ episodeId }))).toBe(true);

    // One request id: the submission and the request for review are one use case, one transaction.
    const events = await db().auditEvent.findMany({ where: { requestId: submission }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.action, event.targetId])).toEqual([
      ["episode.submitted", episodeId],
      ["review.requested", episodeId],
    ]);
    expect(events[1]!.details).toEqual({ automatic: true, again: false, comment: false, notified: 2 });

    // The supervisors' filter finds it, in their agency only.
    expect(await awaitingReview(teamSupervisor)).toEqual([episodeId]);
    expect(await awaitingReview(outsider)).toEqual([]);
  });

  it("tells the on-call list when the caseworker's team has no supervisor", async () => {
    await db().teamSupervisor.deleteMany({});
    await reportedEpisode(caseworker);
    expect((await told("review.requested")).map((n) => n.userId)).toEqual([onCallSupervisor.userId]);
  });
});

describe("returning a report", () => {
  it("restarts no clock and makes no new report; the caseworker sees the comment on the case and is told", async () => {
    const { episodeId } = await reportedEpisode(caseworker);
    const before = await snapshot(episodeId);
    await expectRefused(episodeId, () => giveBack(episodeId, teamSupervisor, "   "), ValidationError);

    await giveBack(episodeId, teamSupervisor, "Add the colour of the jacket to the clothing.");
    const after = await snapshot(episodeId);
    expect(after.clocks).toEqual(before.clocks);
    expect(after.lawEnforcement).toEqual(before.lawEnforcement);
    expect(after.ncmec).toEqual(before.ncmec);
    expect([after.lawEnforcement.length, after.ncmec.length]).toEqual([1, 1]);
    expect(after.episode).toEqual({ ...before.episode, version: before.episode.version + 1 });

    const { facts, progress } = await view(episodeId);
    expect(progress.stage).toBe("reported");
    expect(progress.review).toMatchObject({ state: "returned", canRequest: true, returnedComment: "Add the colour of the jacket to the clothing." });
    expect(facts.review).toMatchObject({ status: "RETURNED", decidedById: teamSupervisor.userId });
    const returned = await told("review.returned");
    expect(returned.map((n) => [n.userId, n.details])).toEqual([[caseworker.userId, { episodeId }]]);
    expect(await db().auditEvent.findMany({ where: { action: "review.returned" }, select: { actorUserId: true, targetId: true, details: true } })).toEqual([
      { actorUserId: teamSupervisor.userId, targetId: episodeId, details: {} },
    ]);
    expect(await awaitingReview(teamSupervisor)).toEqual([]);
  });

  it("is answered by an amendment (with its prompt to send the update) and a new request; then approved", async () => {
    const { episodeId, steps } = await reportedEpisode(caseworker);
    await giveBack(episodeId, teamSupervisor, "Add the weight.");
    // Asking again without changing anything is allowed (the comment may ask for something else), but here the caseworker amends first.
    await saveEpisodeStep(caseworker, { episodeId, step: "description", version: await episodeVersion(episodeId), values: { ...steps.description, weightPounds: "115" } }, ctx());
    const amended = await view(episodeId);
    expect(amended.progress.unsentAmendments.map((amendment) => amendment.step)).toEqual(["description"]);
    expect(amended.progress.review).toMatchObject({ state: "returned", canRequest: true, changedSinceDecision: ["description"] });

    await askAgain(episodeId, "Weight added; the update went to NCMEC by phone.");
    expect((await view(episodeId)).progress.review.state).toBe("requested");
    expect((await told("review.requested")).length).toBe(4);
    expect(await awaitingReview(onCallSupervisor)).toEqual([episodeId]);
    await expectRefused(episodeId, () => askAgain(episodeId), EpisodeRefusedError, /waiting for a supervisor/);

    await approve(episodeId, teamSupervisor, "Thank you.");
    const { facts, progress, history } = await view(episodeId);
    expect(progress.review).toMatchObject({ state: "approved", canRequest: false, returnedComment: null });
    expect(facts.review?.entries.map((entry) => [entry.action, entry.comment, entry.byId])).toEqual([
      ["REQUESTED", "", caseworker.userId],
      ["RETURNED", "Add the weight.", teamSupervisor.userId],
      ["REQUESTED", "Weight added; the update went to NCMEC by phone.", caseworker.userId],
      ["APPROVED", "Thank you.", teamSupervisor.userId],
    ]);
    expect((await told("review.approved")).map((n) => n.userId)).toEqual([caseworker.userId]);
    expect((await db().auditEvent.findMany({ where: { action: { startsWith: "review." } }, orderBy: { id: "asc" } })).map((event) => [event.action, event.details])).toEqual([
      ["review.requested", { automatic: true, again: false, comment: false, notified: 2 }],
      ["review.returned", {}],
      ["review.requested", { automatic: false, again: true, comment: true, notified: 2 }],
      ["review.approved", { comment: true }],
    ]);
    // The case history says it in words.
    const texts = history.map((entry) => entry.text);
    for (const words of ["Asked for a supervisor's review of the report", "Report returned with a comment", "Report approved after review"]) expect(texts).toContain(words);
    // Approved and unchanged since: nothing to ask for, approve or return.
    await expectRefused(episodeId, () => askAgain(episodeId), EpisodeRefusedError, /approved this report/);
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), EpisodeRefusedError, /nothing to approve/);
    await expectRefused(episodeId, () => giveBack(episodeId, teamSupervisor, "Hm"), EpisodeRefusedError, /nothing to return/);
    expect((await refusals("request-report-review")).map((refusal) => refusal.reason)).toEqual(["already-requested", "approved-unchanged"]);
  });
});

describe("who may review", () => {
  it("a caseworker cannot approve or return, nor an admin; another agency's episode is not found; nothing changes", async () => {
    const { episodeId } = await reportedEpisode(caseworker);
    await expectRefused(episodeId, () => approve(episodeId, caseworker), ForbiddenError);
    await expectRefused(episodeId, () => giveBack(episodeId, caseworker, "Mine"), ForbiddenError);
    await expectRefused(episodeId, () => approve(episodeId, admin), ForbiddenError);
    await expectRefused(episodeId, () => approve(episodeId, outsider), NotFoundError);
    await expectRefused(episodeId, () => giveBack(episodeId, outsider, "Theirs"), NotFoundError);
    const outsiderCaseworker = await signInAs(await makeUser((await db().user.findUniqueOrThrow({ where: { id: outsider.userId } })).agencyId, "CASEWORKER"));
    await expectRefused(episodeId, () => askAgain(episodeId, "", outsiderCaseworker), NotFoundError);
    // A supervisor has no filing permission: asking for review is the caseworker's.
    await expectRefused(episodeId, () => askAgain(episodeId, "", teamSupervisor), ForbiddenError);
    expect(await db().auditEvent.count({ where: { action: { in: ["review.approved", "review.returned"] } } })).toBe(0);
  });

  it("nobody approves their own episode; a supervisor of another team is refused; each refusal audited as the actor's", async () => {
    const own = await reportedEpisode(supervisingCaseworker);
    // The person who submitted is never asked to review: the team's other supervisor is.
    expect((await told("review.requested")).map((n) => n.userId)).toEqual([teamSupervisor.userId]);
    await expectRefused(own.episodeId, () => approve(own.episodeId, supervisingCaseworker), EpisodeRefusedError, /Nobody reviews their own episode's report/);
    await expectRefused(own.episodeId, () => giveBack(own.episodeId, supervisingCaseworker, "Mine"), EpisodeRefusedError, /own episode/);
    const theirs = await reportedEpisode(caseworker);
    await expectRefused(theirs.episodeId, () => approve(theirs.episodeId, otherTeamSupervisor), EpisodeRefusedError, /caseworker's team, or one on the agency's on-call list/);
    expect(await refusals("approve-report")).toEqual([
      { change: "approve-report", reason: "own-episode", actor: supervisingCaseworker.userId, target: own.episodeId },
      { change: "approve-report", reason: "not-their-team", actor: otherTeamSupervisor.userId, target: theirs.episodeId },
    ]);
    expect(await refusals("return-report")).toEqual([{ change: "return-report", reason: "own-episode", actor: supervisingCaseworker.userId, target: own.episodeId }]);
    // The on-call supervisor may review any team's report; the supervising caseworker may review a colleague's.
    await approve(theirs.episodeId, onCallSupervisor);
    await approve(own.episodeId, teamSupervisor);
    const other = await reportedEpisode(caseworker);
    await giveBack(other.episodeId, supervisingCaseworker, "Add the officer's badge number.");
    expect((await view(other.episodeId)).progress.review.state).toBe("returned");
  });

  it("asking for review is refused before the report is submitted, from a stale page, and on a closed episode", async () => {
    const draft = await reportedEpisode(caseworker, { submit: false });
    await expectRefused(draft.episodeId, () => askAgain(draft.episodeId), EpisodeRefusedError, /Submit the report first/);
    const { episodeId } = await reportedEpisode(caseworker);
    await giveBack(episodeId, teamSupervisor, "Check the times.");
    const stale = (await episodeVersion(episodeId)) - 1;
    const error = await expectRefused(episodeId, () => requestReportReview(caseworker, { episodeId, values: { version: stale, comment: "" } }, ctx()), ConflictError);
    expect(error).toMatchObject({ code: "STALE_VERSION" });
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expectRefused(episodeId, () => askAgain(episodeId), ConflictError, /closed/);
    await expectRefused(episodeId, () => approve(episodeId, teamSupervisor), ConflictError, /closed/);
  });
});

describe("the review routes", () => {
  it("answer a decision with the new version, a missing comment with 422, a rule's refusal with 409, a caseworker with 403, another agency with 404", async () => {
    const { episodeId } = await reportedEpisode(caseworker);
    const before = await episodeVersion(episodeId);
    expect(await postEpisodeChange(returnRoute, { episodeId }, "review/return", { comment: "" }, teamSupervisor)).toMatchObject({
      status: 422,
      body: { fieldErrors: { comment: "Write what the caseworker must change in the report." } },
    });
    expect(await postEpisodeChange(returnRoute, { episodeId }, "review/return", { comment: "Fix", extra: 1 }, teamSupervisor)).toMatchObject({ status: 400 });
    expect(await postEpisodeChange(approveRoute, { episodeId }, "review/approve", {}, caseworker)).toMatchObject({ status: 403 });
    expect(await postEpisodeChange(approveRoute, { episodeId }, "review/approve", {}, outsider)).toMatchObject({ status: 404 });
    expect(await postEpisodeChange(requestRoute, { episodeId }, "review/request", {}, caseworker)).toMatchObject({
      status: 409,
      body: { code: "REFUSED", error: "Review has been asked for and is waiting for a supervisor." },
    });
    expect(await postEpisodeChange(returnRoute, { episodeId }, "review/return", { comment: "Add the clothing." }, teamSupervisor)).toEqual({ status: 200, body: { version: before + 1 } });
    expect(await postEpisodeChange(requestRoute, { episodeId }, "review/request", { comment: "Done" }, caseworker)).toEqual({ status: 200, body: { version: before + 2 } });
    expect(await postEpisodeChange(approveRoute, { episodeId }, "review/approve", {}, teamSupervisor)).toEqual({ status: 200, body: { version: before + 3 } });
  });
});
