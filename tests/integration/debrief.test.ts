import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { getEpisode } from "@/server/episodes/get-episode";
import { syncEpisode } from "@/server/episodes/sync-episode";
import { saveDebrief } from "@/server/episodes/save-debrief";
import { recordDebriefAttempt } from "@/server/episodes/record-debrief-attempt";
import { acceptDebriefWithoutInterview } from "@/server/episodes/accept-debrief-without-interview";
import { completeDebrief } from "@/server/episodes/complete-debrief";
import { recordTraffickingScreen } from "@/server/episodes/record-trafficking-screen";
import { recordTraffickingDetermination } from "@/server/episodes/record-trafficking-determination";
import { recordTraffickingReport } from "@/server/episodes/record-trafficking-report";
import { markRanAgainBeforeDebrief } from "@/server/episodes/mark-ran-again-before-debrief";
import { newYorkWall } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs } from "./support";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
/** A whole minute, as a wall time gives it back. */
const minuteOf = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE);

let caseworker: Actor;
let supervisor: Actor;
let admin: Actor;
let outsider: Actor;
let episodeId: string;
let childId: string;
let lastSeenAt: Date;

type UseCase = (actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }) => Promise<unknown>;

/** Runs a use case with the episode's current version, as the page would. */
async function run(change: UseCase, values: Record<string, unknown> = {}, who: Actor = caseworker, id = episodeId) {
  return change(who, { episodeId: id, values: { version: await episodeVersion(id), ...values } }, ctx());
}

const progress = async () => (await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId() })).progress;

/** Everything this area writes, to show that a refusal changed nothing. */
async function snapshot(id = episodeId) {
  const [episode, debrief, attempts, screens, determination, report, clocks] = await Promise.all([
    db().episode.findUniqueOrThrow({ where: { id }, select: { version: true, stage: true } }),
    db().returnDebrief.findUnique({ where: { episodeId: id } }),
    db().debriefAttempt.findMany({ where: { episodeId: id }, orderBy: { at: "asc" } }),
    db().traffickingScreen.findMany({ where: { episodeId: id }, orderBy: { screenedAt: "asc" } }),
    db().traffickingDetermination.findUnique({ where: { episodeId: id } }),
    db().traffickingReport.findUnique({ where: { episodeId: id } }),
    db().episodeClock.findMany({ where: { episodeId: id }, orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
  ]);
  return { episode, debrief, attempts, screens, determination, report, clocks };
}

/** The recovery, written directly (another area records it) and the episode's clocks re-derived. */
async function recover(recoveredAt: Date) {
  await db().recovery.create({ data: { episodeId, agencyId: caseworker.agency.id, recoveredAt, knownAt: recoveredAt, recordedById: caseworker.userId, recordedAt: recoveredAt } });
  await db().$transaction((tx) => syncEpisode(tx, caseworker, episodeId, new Date()));
}

async function expectRefused(attempt: () => Promise<unknown>, reason: string) {
  const before = await snapshot();
  const refusals = await db().auditEvent.count({ where: { action: "episode.change_refused" } });
  await expect(attempt()).rejects.toMatchObject({ name: "EpisodeRefusedError", reason });
  expect(await snapshot()).toEqual(before);
  const audited = await db().auditEvent.findMany({ where: { action: "episode.change_refused" }, orderBy: { id: "asc" } });
  expect(audited).toHaveLength(refusals + 1);
  expect(audited.at(-1)).toMatchObject({ outcome: "DENIED", targetId: episodeId, details: { reason } });
}

/** A refusal of a field's value: nothing changed, and the message names the problem. */
async function expectFieldError(attempt: () => Promise<unknown>, field: string, words: string | RegExp) {
  const before = await snapshot();
  const error: unknown = await attempt().then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ fieldErrors: { [field]: expect.stringMatching(words) } });
  expect(await snapshot()).toEqual(before);
}

const FULL_DEBRIEF = (interviewedAt: Date) => ({
  interviewerName: "Sam Ortiz",
  interviewerRole: "Caseworker",
  interviewedAt: newYorkWall(interviewedAt),
  place: "The agency's office",
  othersPresent: "The child's attorney",
  ranFrom: ["placement-conflict", "school"],
  ranTo: ["friends"],
  factorsNarrative: "Arguments with a housemate over chores.",
  responseNow: "A meeting with the group home staff.",
  plansLater: "A quieter placement when one is free.",
  stayedWhere: "A friend's apartment",
  stayedWith: "A friend and her mother",
  needsMet: "Meals at the friend's home",
  harm: "None reported",
});

const SCREEN = (at: Date) => ({ instrument: "CSE_IT", instrumentVersion: "Brief", result: "POSSIBLE", screenedBy: "Sam Ortiz", screenedAt: newYorkWall(at) });
const DETERMINATION = (sex: string, at: Date | null, labor = "NOT_A_VICTIM") => ({ sex, labor, informationReceivedAt: at ? newYorkWall(at) : "" });
const REPORT = (at: Date, lateReason = "") => ({ agencyName: "Springfield PD", officerName: "Det. Lane", caseNumber: "SPD-77", reportedAt: newYorkWall(at), lateReason });

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
  admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
  ({ episodeId, childId } = await reportedEpisode(caseworker));
  lastSeenAt = (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).lastSeenAt!;
});

describe("before the recovery", () => {
  it("refuses the debrief, its attempts, the screen and the acceptance, and changes nothing", async () => {
    const now = Date.now();
    await expectRefused(() => run(saveDebrief, { place: "Office" }), "not-recovered");
    await expectRefused(() => run(recordDebriefAttempt, { at: newYorkWall(new Date(now)), result: "DECLINED", nextAttemptOn: "", note: "" }), "not-recovered");
    await expectRefused(() => run(recordTraffickingScreen, SCREEN(new Date(now))), "not-recovered");
    await expectRefused(() => run(acceptDebriefWithoutInterview, {}, supervisor), "not-recovered");
    await expectRefused(() => run(completeDebrief), "not-recovered");
    await expectRefused(() => run(markRanAgainBeforeDebrief), "not-recovered");
    expect((await progress()).debrief.gaps).toEqual(["The child's recovery is not recorded yet."]);
  });

  it("takes a trafficking determination while the child is missing, and starts the report's clock from when the information came", async () => {
    const informedAt = minuteOf(Date.now() - HOUR);
    await run(recordTraffickingDetermination, DETERMINATION("CONFIRMED", informedAt));
    const now = await progress();
    expect(now.missing).toBe(true);
    expect(now.trafficking.owed).toBe(true);
    expect(now.trafficking.clock).toMatchObject({ kind: "TRAFFICKING_REPORT", startedAt: informedAt, ruleHours: 24, state: "pending" });
    const row = await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "TRAFFICKING_REPORT" } });
    expect([row.startedAt, row.deadline, row.ruleHours, row.doneAt]).toEqual([now.trafficking.clock!.startedAt, now.trafficking.clock!.deadline, now.trafficking.clock!.ruleHours, null]);
    // The report while missing too, on time.
    await run(recordTraffickingReport, REPORT(minuteOf(Date.now() - 30 * MINUTE)));
    const after = await progress();
    expect(after.trafficking.clock?.state).toBe("on-time");
    expect((await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "TRAFFICKING_REPORT" } })).doneAt).toEqual(after.trafficking.clock!.doneAt);
  });
});

describe("the trafficking determination", () => {
  it("refuses an identification time in the future, before the child was last seen, or missing for a finding", async () => {
    await expectFieldError(() => run(recordTraffickingDetermination, DETERMINATION("CONFIRMED", new Date(Date.now() + 2 * HOUR))), "informationReceivedAt", /cannot be in the future/);
    await expectFieldError(() => run(recordTraffickingDetermination, DETERMINATION("SUSPECTED", new Date(lastSeenAt.getTime() - HOUR))), "informationReceivedAt", /before the child was last seen/);
    await expectFieldError(() => run(recordTraffickingDetermination, DETERMINATION("NOT_A_VICTIM", null, "CONFIRMED")), "informationReceivedAt", /Enter when the agency received/);
    await expectFieldError(() => run(recordTraffickingDetermination, DETERMINATION("MAYBE", null)), "sex", /finding for sex trafficking/);
  });

  it("owes a report for a confirmed victim; for a suspected one only by the agency's rule, with its hours", async () => {
    const informedAt = minuteOf(Date.now() - HOUR);
    await run(recordTraffickingDetermination, DETERMINATION("NOT_A_VICTIM", null));
    expect((await progress()).trafficking).toEqual({ owed: false, clock: null });
    await run(recordTraffickingDetermination, DETERMINATION("SUSPECTED", informedAt));
    expect((await progress()).trafficking).toEqual({ owed: false, clock: null });
    expect(await db().episodeClock.count({ where: { episodeId, kind: "TRAFFICKING_REPORT" } })).toBe(0);
    await db().agency.update({ where: { id: caseworker.agency.id }, data: { traffickingClockForSuspected: true, traffickingReportHours: 8 } });
    await run(recordTraffickingDetermination, DETERMINATION("SUSPECTED", informedAt));
    const now = await progress();
    expect(now.trafficking.owed).toBe(true);
    expect(now.trafficking.clock).toMatchObject({ ruleHours: 8, deadline: new Date(informedAt.getTime() + 8 * HOUR) });
    const row = await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "TRAFFICKING_REPORT" } });
    expect(row.deadline).toEqual(now.trafficking.clock!.deadline);
  });

  it("refuses a new identification time that would put a recorded report before it", async () => {
    const informedAt = minuteOf(Date.now() - 2 * HOUR);
    await run(recordTraffickingDetermination, DETERMINATION("CONFIRMED", informedAt));
    await run(recordTraffickingReport, REPORT(new Date(informedAt.getTime() + HOUR)));
    await expectFieldError(() => run(recordTraffickingDetermination, DETERMINATION("CONFIRMED", new Date(informedAt.getTime() + 90 * MINUTE))), "informationReceivedAt", /report to law enforcement is recorded before this time/);
  });
});

describe("the trafficking report", () => {
  it("is refused when none is owed", async () => {
    await expectRefused(() => run(recordTraffickingReport, REPORT(new Date())), "not-owed");
    await run(recordTraffickingDetermination, DETERMINATION("NOT_A_VICTIM", null));
    await expectRefused(() => run(recordTraffickingReport, REPORT(new Date())), "not-owed");
    await run(recordTraffickingDetermination, DETERMINATION("SUSPECTED", minuteOf(Date.now() - HOUR)));
    await expectRefused(() => run(recordTraffickingReport, REPORT(new Date())), "not-owed");
  });

  it("refuses times out of order and a late report without a reason; keeps the reason when late", async () => {
    const informedAt = minuteOf(lastSeenAt.getTime() + 10 * MINUTE);
    const now = new Date(informedAt.getTime() + 30 * HOUR);
    const at = (offset: number) => new Date(informedAt.getTime() + offset);
    // The missing event is a few hours ago: move the episode's clock of the identification back with a "now" in the future.
    await recordTraffickingDetermination(caseworker, { episodeId, values: { version: await episodeVersion(episodeId), ...DETERMINATION("CONFIRMED", informedAt) } }, ctx(now));
    const report = (values: Record<string, unknown>) => async () => recordTraffickingReport(caseworker, { episodeId, values: { version: await episodeVersion(episodeId), ...values } }, ctx(now));
    await expectFieldError(report(REPORT(at(-MINUTE))), "reportedAt", /cannot be before the agency received the information/);
    await expectFieldError(report(REPORT(at(31 * HOUR))), "reportedAt", /cannot be in the future/);
    await expectFieldError(report(REPORT(at(25 * HOUR))), "lateReason", /after the deadline \(24 hours/);
    await report(REPORT(at(25 * HOUR), "The officer on duty could not be reached"))();
    const clock = (await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId(), now })).progress.trafficking.clock!;
    expect(clock).toMatchObject({ state: "late", lateReason: "The officer on duty could not be reached", doneAt: at(25 * HOUR) });
    const row = await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "TRAFFICKING_REPORT" } });
    expect([row.doneAt, row.lateReason, row.deadline]).toEqual([clock.doneAt, clock.lateReason, clock.deadline]);
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "trafficking.report_recorded" } })).details).toEqual({ late: true });
    // On time, the reason is not kept.
    await report(REPORT(at(2 * HOUR), "Not needed"))();
    expect((await db().traffickingReport.findUniqueOrThrow({ where: { episodeId } })).lateReason).toBeNull();
  });
});

describe("after the recovery", () => {
  let recoveredAt: Date;
  beforeEach(async () => {
    recoveredAt = minuteOf(Date.now() - HOUR);
    await recover(recoveredAt);
  });

  it("saves the debrief in parts, nothing typed lost, and audits which sections changed", async () => {
    const full = FULL_DEBRIEF(new Date(recoveredAt.getTime() + 10 * MINUTE));
    await run(saveDebrief, { interviewerName: full.interviewerName, interviewerRole: full.interviewerRole, interviewedAt: full.interviewedAt, place: full.place });
    await run(saveDebrief, { ranFrom: full.ranFrom, ranTo: full.ranTo, factorsNarrative: full.factorsNarrative });
    const debrief = (await db().returnDebrief.findUniqueOrThrow({ where: { episodeId } }));
    expect(debrief).toMatchObject({
      interviewerName: "Sam Ortiz",
      interviewedAt: new Date(recoveredAt.getTime() + 10 * MINUTE),
      place: "The agency's office",
      ranFrom: ["placement-conflict", "school"],
      factorsNarrative: "Arguments with a housemate over chores.",
      responseNow: "",
      completedAt: null,
      recordedById: caseworker.userId,
    });
    // The same again changes no section; the interview's time emptied is not known.
    await run(saveDebrief, { place: full.place });
    await run(saveDebrief, { interviewedAt: "" });
    expect((await db().returnDebrief.findUniqueOrThrow({ where: { episodeId } })).interviewedAt).toBeNull();
    const events = await db().auditEvent.findMany({ where: { action: "debrief.saved" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.details)).toEqual([{ sections: ["interview"] }, { sections: ["factors"] }, { sections: [] }, { sections: ["interview"] }]);
    expect((await progress()).debrief.gaps).toContain("Record the response to those factors in the current placement.");
  });

  it("refuses an interview before the recovery or in the future, unknown categories and unknown fields", async () => {
    await expectFieldError(() => run(saveDebrief, { interviewedAt: newYorkWall(new Date(recoveredAt.getTime() - MINUTE)) }), "interviewedAt", /cannot be before the child was recovered/);
    await expectFieldError(() => run(saveDebrief, { interviewedAt: newYorkWall(new Date(Date.now() + HOUR)) }), "interviewedAt", /cannot be in the future/);
    await expectFieldError(() => run(saveDebrief, { ranFrom: ["boredom"] }), "ranFrom.0", /from the list/);
    await expectFieldError(() => run(saveDebrief, { ranTo: ["friends", "friends"] }), "ranTo", /from the list/);
    await expect(run(saveDebrief, { mood: "fine" })).rejects.toMatchObject({ name: "BadRequestError" });
  });

  it("completes only when nothing is missing, listing exactly what is; then meets the DEBRIEF clock", async () => {
    const before = await snapshot();
    const error: unknown = await run(completeDebrief).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: "EpisodeRefusedError", reason: "debrief-incomplete" });
    const gaps = (await progress()).debrief.gaps;
    expect(gaps).toEqual([
      "Record who interviewed the child and when, or the attempts and a supervisor's acceptance without an interview.",
      "Record the primary factors behind the absence: what the child ran from or to, and a narrative.",
      "Record the response to those factors in the current placement.",
      "Record the child's experiences while absent.",
      "Record the sex-trafficking screen: the instrument, its result, who screened and when.",
      "Record the trafficking determination (not a victim, suspected or confirmed).",
    ]);
    expect(error).toMatchObject({ message: `The debrief cannot be marked complete yet. Still missing: ${gaps.join(" ")}` });
    expect(await snapshot()).toEqual(before);

    await run(saveDebrief, FULL_DEBRIEF(new Date(recoveredAt.getTime() + 10 * MINUTE)));
    await run(recordTraffickingDetermination, DETERMINATION("NOT_A_VICTIM", null));
    // The screen is required: without it the debrief is not done.
    await expectRefused(() => run(completeDebrief), "debrief-incomplete");
    await run(recordTraffickingScreen, SCREEN(new Date(recoveredAt.getTime() + 20 * MINUTE)));
    expect((await progress()).debrief.gaps).toEqual([]);
    await run(completeDebrief);
    const now = await progress();
    expect(now.stage).toBe("recovered");
    expect(now.debrief.done).toBe(true);
    const debrief = await db().returnDebrief.findUniqueOrThrow({ where: { episodeId } });
    expect(now.debrief.clock).toMatchObject({ kind: "DEBRIEF", startedAt: recoveredAt, ruleHours: 72, doneAt: debrief.completedAt, state: "on-time" });
    const row = await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "DEBRIEF" } });
    expect([row.startedAt, row.deadline, row.ruleHours, row.doneAt]).toEqual([now.debrief.clock!.startedAt, now.debrief.clock!.deadline, 72, debrief.completedAt]);
    // Once complete: a change that would leave a gap is refused, a second completion too.
    await expectRefused(() => run(saveDebrief, { responseNow: "" }), "would-leave-gaps");
    await expectRefused(() => run(completeDebrief), "already-complete");
    await run(saveDebrief, { plansLater: "Kinship placement" });
  });

  it("records attempts, and lets another supervisor accept the debrief without an interview after one", async () => {
    await expectFieldError(() => run(recordDebriefAttempt, { at: newYorkWall(new Date(recoveredAt.getTime() - MINUTE)), result: "DECLINED", nextAttemptOn: "", note: "" }), "at", /before the child was recovered/);
    await expectFieldError(() => run(recordDebriefAttempt, { at: newYorkWall(new Date(Date.now() + HOUR)), result: "DECLINED", nextAttemptOn: "", note: "" }), "at", /future/);
    await expectFieldError(() => run(recordDebriefAttempt, { at: newYorkWall(recoveredAt), result: "DECLINED", nextAttemptOn: "2001-01-01", note: "" }), "nextAttemptOn", /before this attempt/);
    await expectFieldError(() => run(recordDebriefAttempt, { at: newYorkWall(recoveredAt), result: "ASLEEP", nextAttemptOn: "", note: "" }), "result", /Choose what happened/);
    await expectRefused(() => run(acceptDebriefWithoutInterview, {}, supervisor), "no-attempt");
    await expect(run(acceptDebriefWithoutInterview)).rejects.toBeInstanceOf(ForbiddenError);

    await run(recordDebriefAttempt, { at: newYorkWall(new Date(recoveredAt.getTime() + 5 * MINUTE)), result: "DECLINED", nextAttemptOn: "2099-01-02", note: "Tired; try tomorrow" });
    const attempt = await db().debriefAttempt.findFirstOrThrow({ where: { episodeId } });
    expect(attempt).toMatchObject({ result: "DECLINED", nextAttemptOn: new Date("2099-01-02T00:00:00Z"), note: "Tired; try tomorrow", recordedById: caseworker.userId });
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "debrief.attempt_recorded" } })).details).toEqual({ attemptId: attempt.id, result: "DECLINED" });

    // A supervisor who is the episode's own caseworker may not accept it.
    await db().episode.update({ where: { id: episodeId }, data: { caseworkerId: supervisor.userId } });
    await expectRefused(() => run(acceptDebriefWithoutInterview, {}, supervisor), "own-episode");
    await db().episode.update({ where: { id: episodeId }, data: { caseworkerId: caseworker.userId } });

    await run(acceptDebriefWithoutInterview, {}, supervisor);
    const debrief = await db().returnDebrief.findUniqueOrThrow({ where: { episodeId } });
    expect(debrief.acceptedWithoutInterviewById).toBe(supervisor.userId);
    expect(debrief.acceptedWithoutInterviewAt).not.toBeNull();
    expect((await progress()).debrief.gaps).not.toContain("Record who interviewed the child and when, or the attempts and a supervisor's acceptance without an interview.");
    await expectRefused(() => run(acceptDebriefWithoutInterview, {}, supervisor), "already-accepted");
  });

  it("takes screens with the agency's own instruments, and refuses others and times out of order", async () => {
    await expectFieldError(() => run(recordTraffickingScreen, { ...SCREEN(recoveredAt), instrument: "AGENCY:County tool" }), "instrument", /from the list/);
    await expectFieldError(() => run(recordTraffickingScreen, SCREEN(new Date(Date.now() + HOUR))), "screenedAt", /future/);
    await expectFieldError(() => run(recordTraffickingScreen, SCREEN(new Date(recoveredAt.getTime() - MINUTE))), "screenedAt", /before the child was found/);
    await expectFieldError(() => run(recordTraffickingScreen, { ...SCREEN(recoveredAt), result: "HIGH" }), "result", /result/);
    await db().agency.update({ where: { id: caseworker.agency.id }, data: { screeningInstruments: ["County tool"] } });
    await run(recordTraffickingScreen, { ...SCREEN(recoveredAt), instrument: "AGENCY:County tool" });
    await run(recordTraffickingScreen, SCREEN(new Date(recoveredAt.getTime() + MINUTE)));
    const screens = await db().traffickingScreen.findMany({ where: { episodeId }, orderBy: { screenedAt: "asc" } });
    expect(screens.map((s) => [s.instrument, s.version, s.result, s.screenedBy])).toEqual([
      ["AGENCY:County tool", "Brief", "POSSIBLE", "Sam Ortiz"],
      ["CSE_IT", "Brief", "POSSIBLE", "Sam Ortiz"],
    ]);
    expect((await db().auditEvent.findMany({ where: { action: "trafficking.screen_recorded" }, orderBy: { id: "asc" } })).map((e) => e.details)).toEqual(screens.map((s) => ({ screenId: s.id })));
  });

  it("records 'ran again before the debrief' only when the child has a newer episode, and that satisfies the debrief", async () => {
    await expectRefused(() => run(markRanAgainBeforeDebrief), "no-newer-episode");
    const newer = await db().episode.create({ data: { agencyId: caseworker.agency.id, childId, caseworkerId: caseworker.userId, completedSteps: [] } });
    await run(markRanAgainBeforeDebrief);
    const now = await progress();
    expect(now.debrief).toMatchObject({ gaps: [], done: true });
    expect((await db().returnDebrief.findUniqueOrThrow({ where: { episodeId } })).ranAgainBeforeDebrief).toBe(true);
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "debrief.ran_again_recorded" } })).details).toEqual({ newerEpisodeId: newer.id });
    expect((await db().episodeClock.findFirstOrThrow({ where: { episodeId, kind: "DEBRIEF" } })).doneAt).toEqual(now.debrief.clock!.doneAt);
  });

  it("refuses another agency, a role without the right, an outdated page and a closed episode", async () => {
    const cases: [UseCase, Record<string, unknown>][] = [
      [saveDebrief, { place: "Office" }],
      [recordDebriefAttempt, { at: newYorkWall(recoveredAt), result: "DECLINED", nextAttemptOn: "", note: "" }],
      [completeDebrief, {}],
      [markRanAgainBeforeDebrief, {}],
      [recordTraffickingScreen, SCREEN(recoveredAt)],
      [recordTraffickingDetermination, DETERMINATION("CONFIRMED", recoveredAt)],
      [recordTraffickingReport, REPORT(recoveredAt)],
    ];
    const before = await snapshot();
    for (const [change, values] of cases) {
      await expect(run(change, values, outsider)).rejects.toBeInstanceOf(NotFoundError);
      await expect(run(change, values, admin)).rejects.toBeInstanceOf(ForbiddenError);
      // The trafficking report is a report a supervisor may record for a caseworker who is off; the debrief is the caseworker's.
      if (change !== recordTraffickingReport) await expect(run(change, values, supervisor)).rejects.toBeInstanceOf(ForbiddenError);
      const stale = (await episodeVersion(episodeId)) - 1;
      await expect(change(caseworker, { episodeId, values: { ...values, version: stale } }, ctx())).rejects.toMatchObject({ code: "STALE_VERSION" });
    }
    await expect(run(acceptDebriefWithoutInterview, {}, outsider)).rejects.toBeInstanceOf(ForbiddenError);
    const outsideSupervisor = await signInAs(await makeUser(outsider.agency.id, "SUPERVISOR"));
    await expect(acceptDebriefWithoutInterview(outsideSupervisor, { episodeId, values: { version: await episodeVersion(episodeId) } }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);

    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    for (const [change, values] of cases) {
      await expect(run(change, values)).rejects.toMatchObject({ code: "CLOSED" });
    }
    await expect(run(acceptDebriefWithoutInterview, {}, supervisor)).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps what was found out of the audit trail", async () => {
    const full = FULL_DEBRIEF(new Date(recoveredAt.getTime() + 10 * MINUTE));
    await run(saveDebrief, full);
    await run(recordTraffickingScreen, { ...SCREEN(recoveredAt), result: "CLEAR" });
    await run(recordTraffickingDetermination, DETERMINATION("CONFIRMED", recoveredAt, "SUSPECTED"));
    await run(recordTraffickingReport, REPORT(new Date(recoveredAt.getTime() + HOUR)));
    const trail = JSON.stringify(await db().auditEvent.findMany({ select: { action: true, details: true } }));
    for (const word of ["CONFIRMED", "SUSPECTED", "CLEAR", "CSE_IT", "Sam Ortiz", "housemate", "friend", "Springfield PD", "SPD-77", "placement-conflict"]) expect(trail).not.toContain(word);
    expect((await db().auditEvent.findMany({ where: { action: { startsWith: "trafficking." } }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual([
      "trafficking.screen_recorded",
      "trafficking.determination_recorded",
      "trafficking.report_recorded",
    ]);
  });
});
