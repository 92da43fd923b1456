import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { getAgencySettings } from "@/server/agency/get-agency-settings";
import { updateAgencySettings } from "@/server/agency/update-agency-settings";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { getEpisode } from "@/server/episodes/get-episode";
import { recordRecovery } from "@/server/episodes/record-recovery";
import { endEpisodeWithoutRecovery } from "@/server/episodes/end-episode-without-recovery";
import { recordNoticeSent } from "@/server/episodes/record-notice-sent";
import { markNoticeNotApplicable } from "@/server/episodes/mark-notice-not-applicable";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs } from "./support";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
const ago = (ms: number) => new Date(Date.now() - ms);

let caseworker: Actor;
let supervisor: Actor;
let outsider: Actor;
let episodeId: string;
let lastSeenAt: Date;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
  // Law enforcement and NCMEC within 2 hours of learning of the return, the court within 12.
  await updateAgencySettings(admin, { ...(await getAgencySettings(admin)), returnNoticeHours: 2, debriefHours: 48, returnNotices: { COURT: 12 } }, ctx());
  ({ episodeId } = await reportedEpisode(caseworker));
  lastSeenAt = (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).lastSeenAt!;
});

type RecoveryValues = Record<string, unknown>;
const recover = async (values: RecoveryValues, who: Actor = caseworker, id = episodeId, now?: Date) =>
  recordRecovery(who, { episodeId: id, values: { version: await episodeVersion(id), ...values } }, ctx(now));
const end = async (values: RecoveryValues, who: Actor = caseworker, id = episodeId) =>
  endEpisodeWithoutRecovery(who, { episodeId: id, values: { version: await episodeVersion(id), reason: "AGED_OUT", note: "", ...values } }, ctx());
const returnNotice = async (recipient: string, values: RecoveryValues, event = "RETURN") =>
  recordNoticeSent(caseworker, { episodeId, recipient, values: { version: await episodeVersion(episodeId), event, lateReason: "", toldBy: "Casey Morgan", toWhom: "Sgt. Lee", method: "Phone", confirmed: null, ...values } }, ctx());
const view = async () => getEpisode(caseworker, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
const clockRows = async (kind: "RETURN_NOTICE" | "CANCEL_NOTICE" | "DEBRIEF") => db().episodeClock.findMany({ where: { episodeId, kind }, orderBy: { subject: "asc" } });
const refusal = async (action: Promise<unknown>) => action.then(() => null, (error: unknown) => error);

const FULL = {
  address: "12 Elm Avenue, Apt 3",
  city: "Albany",
  state: "NY",
  placeKind: "FRIEND_HOME",
  outOfState: false,
  recoveredBy: "LAW_ENFORCEMENT",
  officerName: "Officer Dana Cruz",
  lawEnforcementCaseNumber: "SPD-26-118",
  condition: "Tired and hungry, no injuries",
  newMarks: [{ kind: "tattoo", location: "right forearm", description: "A small rose" }],
  placement: "Back at the Maple Street group home",
  packetSummary: "Found at a friend's apartment in Albany by police.",
};

describe("the recovery", () => {
  it("records located, then recovered; starts the return notices from when the agency learned of it and the debrief from the recovery", async () => {
    const locatedAt = ago(2 * HOUR);
    await recover({ locatedAt: newYorkWall(locatedAt), city: "Albany" });
    let { progress, facts } = await view();
    expect(progress.stage).toBe("located");
    expect(progress.missing).toBe(false);
    expect(progress.returnNotices).toEqual([]);
    expect(await clockRows("RETURN_NOTICE")).toEqual([]);
    expect(facts.recovery).toMatchObject({ locatedAt: new Date(Math.floor(locatedAt.getTime() / MINUTE) * MINUTE), recoveredAt: null, knownAt: null });

    const now = new Date();
    const recoveredAt = ago(HOUR);
    await recover({ locatedAt: newYorkWall(locatedAt), recoveredAt: newYorkWall(recoveredAt), knownAt: "", ...FULL }, caseworker, episodeId, now);
    ({ progress, facts } = await view());
    expect(progress.stage).toBe("debrief-due");
    // Left empty, the agency learned of it now.
    expect(facts.recovery).toMatchObject({ knownAt: now, city: "Albany", recoveredBy: "LAW_ENFORCEMENT", officerName: "Officer Dana Cruz", newMarks: FULL.newMarks, outOfState: false });
    expect(progress.returnNotices.map((n) => [n.recipient, n.clock.ruleHours, n.clock.startedAt])).toEqual([
      ["LAW_ENFORCEMENT", 2, now],
      ["NCMEC", 2, now],
      ["COURT", 12, now],
    ]);
    // The rows are what episodeProgress() derives: subject = recipient, the same instants.
    const rows = await clockRows("RETURN_NOTICE");
    expect(rows.map((r) => [r.subject, r.startedAt, r.deadline, r.ruleHours, r.doneAt])).toEqual(
      ["COURT", "LAW_ENFORCEMENT", "NCMEC"].map((subject) => {
        const clock = progress.returnNotices.find((n) => n.recipient === subject)!.clock;
        return [subject, clock.startedAt, clock.deadline, clock.ruleHours, null];
      }),
    );
    const debrief = (await clockRows("DEBRIEF"))[0]!;
    expect([debrief.startedAt.getTime(), debrief.ruleHours]).toEqual([Math.floor(recoveredAt.getTime() / MINUTE) * MINUTE, 48]);
    expect((await db().auditEvent.findMany({ where: { action: "recovery.recorded" }, orderBy: { id: "asc" } })).map((e) => e.details)).toEqual([
      { located: true, recovered: false, outOfState: false },
      { located: true, recovered: true, outOfState: false },
    ]);
  });

  it("takes either order of located and recovered, keeps the officer only for law enforcement, and may be corrected", async () => {
    const at = (ms: number) => newYorkWall(new Date(Math.floor(Date.now() / HOUR) * HOUR - ms));
    await recover({ recoveredAt: at(2 * HOUR), locatedAt: at(HOUR), knownAt: at(90 * MINUTE), ...FULL, recoveredBy: "CAREGIVER", outOfState: true });
    const { facts } = await view();
    expect(facts.recovery).toMatchObject({ recoveredBy: "CAREGIVER", officerName: null, lawEnforcementCaseNumber: null, outOfState: true });
    const before = (await clockRows("RETURN_NOTICE"))[0]!.startedAt;
    await recover({ recoveredAt: at(2 * HOUR), knownAt: at(HOUR) });
    const after = (await clockRows("RETURN_NOTICE"))[0]!.startedAt;
    expect(after.getTime() - before.getTime()).toBe(30 * MINUTE);
    expect((await view()).facts.recovery).toMatchObject({ locatedAt: null, city: "", recoveredBy: null });
  });

  it("keeps the child's last-seen time before the recovery: a change of the missing event past it is refused, changing nothing", async () => {
    // Last seen 5 hours ago, recovered 4 hours ago; the reports were made 2 hours and 1 hour ago.
    await recover({ recoveredAt: newYorkWall(ago(4 * HOUR)) });
    const steps = completeSteps(new Date());
    const values = { ...steps["missing-event"], lastSeenAt: newYorkWall(ago(3.5 * HOUR)) };
    const before = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    const error = await refusal(saveEpisodeStep(caseworker, { episodeId, step: "missing-event", version: await episodeVersion(episodeId), values }, ctx()));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.lastSeenAt).toMatch(/recorded as found on .*, before this time/);
    const after = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect([after.lastSeenAt, after.version]).toEqual([before.lastSeenAt, before.version]);
  });

  it("refuses times in the future, before the child was last seen, known before recovered, or none at all, changing nothing", async () => {
    for (const [values, field, words] of [
      [{ recoveredAt: newYorkWall(ago(-2 * HOUR)) }, "recoveredAt", "future"],
      [{ locatedAt: newYorkWall(ago(-2 * HOUR)) }, "locatedAt", "future"],
      [{ recoveredAt: newYorkWall(new Date(lastSeenAt.getTime() - HOUR)) }, "recoveredAt", "last seen"],
      [{ recoveredAt: newYorkWall(ago(HOUR)), knownAt: newYorkWall(ago(2 * HOUR)) }, "knownAt", "before it happened"],
      [{ recoveredAt: newYorkWall(ago(HOUR)), knownAt: newYorkWall(ago(-2 * HOUR)) }, "knownAt", "future"],
      [{}, "locatedAt", "located"],
      [{ knownAt: newYorkWall(ago(HOUR)), locatedAt: newYorkWall(ago(HOUR)) }, "recoveredAt", "recovered"],
      [{ recoveredAt: "yesterday" }, "recoveredAt", "recovered"],
    ] as const) {
      const error = await refusal(recover(values));
      expect(error, JSON.stringify(values)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify(values)).toContain(words);
    }
    expect(await db().recovery.count()).toBe(0);
  });

  it("refuses another agency, a role that does not file reports, an outdated page, a closed episode and fields the form does not have", async () => {
    const values = { recoveredAt: newYorkWall(ago(HOUR)) };
    await expect(recover(values, outsider)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recover(values, supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    const stale = (await episodeVersion(episodeId)) - 1;
    await expect(recordRecovery(caseworker, { episodeId, values: { ...values, version: stale } }, ctx())).rejects.toMatchObject({ code: "STALE_VERSION" });
    await expect(recover({ ...values, shoeSize: 9 })).rejects.toMatchObject({ name: "BadRequestError" });
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expect(recover(values)).rejects.toMatchObject({ code: "CLOSED" });
    expect(await db().recovery.count()).toBe(0);
  });

  it("is refused before the missing event is recorded, and after the episode ended without a recovery (audited as refused)", async () => {
    const { episodeId: early } = await startEpisode(caseworker, { newChild: { firstName: "Ana", lastName: "Diaz", dateOfBirth: "2012-01-02", agencyCaseNumber: "DC-9", underAgencyGuardianship: "yes" } }, ctx());
    await expect(recover({ recoveredAt: newYorkWall(ago(HOUR)) }, caseworker, early)).rejects.toMatchObject({ code: "REFUSED", reason: "no-missing-event" });
    await end({ endedAt: newYorkWall(ago(HOUR)) });
    const error = await refusal(recover({ recoveredAt: newYorkWall(ago(HOUR)) }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "REFUSED", reason: "ended", message: expect.stringContaining("ended without a recovery") });
    expect(await db().recovery.count()).toBe(0);
    expect((await db().auditEvent.findMany({ where: { action: "episode.change_refused" }, orderBy: { id: "asc" } })).map((e) => [e.outcome, e.details])).toEqual([
      ["DENIED", { change: "recovery", reason: "no-missing-event" }],
      ["DENIED", { change: "recovery", reason: "ended" }],
    ]);
  });

  it("leaves the reports due when the child was recovered before they were made, and the case says so", async () => {
    const { episodeId: unreported } = await startEpisode(caseworker, { newChild: { firstName: "Ana", lastName: "Diaz", dateOfBirth: "2012-01-02", agencyCaseNumber: "DC-9", underAgencyGuardianship: "yes" } }, ctx());
    const steps = completeSteps(new Date());
    for (const step of ["child", "missing-event"] as const) {
      await saveEpisodeStep(caseworker, { episodeId: unreported, step, version: await episodeVersion(unreported), values: { ...steps[step], ...(step === "child" ? { agencyCaseNumber: "DC-9" } : {}) } }, ctx());
    }
    await recover({ recoveredAt: newYorkWall(ago(HOUR)) }, caseworker, unreported);
    const { progress } = await getEpisode(caseworker, unreported, { permission: "cases:view", requestId: requestId() });
    expect(progress.reportsDueAfterRecovery).toBe(true);
    expect(progress.clocks.filter((c) => c.kind === "LAW_ENFORCEMENT_REPORT" || c.kind === "NCMEC_REPORT").map((c) => c.state)).toEqual(["pending", "pending"]);
    expect((await view()).progress.reportsDueAfterRecovery).toBe(false);
  });
});

describe("the return notices", () => {
  let recoveredAt: string;
  beforeEach(async () => {
    recoveredAt = newYorkWall(ago(3 * HOUR));
    await recover({ recoveredAt, knownAt: recoveredAt, ...FULL });
  });

  it("are met when recorded: who told whom, when, how, and whether the NCIC entry was cleared or NCMEC's case closed", async () => {
    await returnNotice("LAW_ENFORCEMENT", { sentAt: newYorkWall(ago(170 * MINUTE)), confirmed: true });
    await returnNotice("NCMEC", { sentAt: newYorkWall(ago(30 * MINUTE)), lateReason: "NCMEC's line was busy", confirmed: false });
    await markNoticeNotApplicable(caseworker, { episodeId, recipient: "COURT", values: { version: await episodeVersion(episodeId), event: "RETURN", reason: "NO_SUCH_PERSON", note: "" } }, ctx());
    const { progress, facts, history } = await view();
    expect(progress.returnNotices.map((n) => [n.recipient, n.state])).toEqual([
      ["LAW_ENFORCEMENT", "on-time"],
      ["NCMEC", "late"],
      ["COURT", "not-applicable"],
    ]);
    expect(facts.notices.find((n) => n.event === "RETURN" && n.recipient === "LAW_ENFORCEMENT")).toMatchObject({ toldBy: "Casey Morgan", toWhom: "Sgt. Lee", method: "Phone", confirmed: true, note: null });
    expect(facts.notices.find((n) => n.event === "RETURN" && n.recipient === "NCMEC")).toMatchObject({ confirmed: false, note: "NCMEC's line was busy" });
    // The missing notices are untouched: none was recorded.
    expect(facts.notices.filter((n) => n.event === "MISSING")).toEqual([]);
    const rows = await clockRows("RETURN_NOTICE");
    expect(rows.map((r) => [r.subject, r.doneAt, r.lateReason])).toEqual(
      ["COURT", "LAW_ENFORCEMENT", "NCMEC"].map((subject) => {
        const clock = progress.returnNotices.find((n) => n.recipient === subject)!.clock;
        return [subject, clock.doneAt, clock.lateReason];
      }),
    );
    expect(rows.every((r) => r.doneAt !== null)).toBe(true);
    expect((await db().auditEvent.findMany({ where: { action: { startsWith: "notice." } }, orderBy: { id: "asc" } })).map((e) => e.details)).toEqual([
      { recipient: "LAW_ENFORCEMENT", event: "RETURN", late: false },
      { recipient: "NCMEC", event: "RETURN", late: true },
      { recipient: "COURT", event: "RETURN", reason: "NO_SUCH_PERSON" },
    ]);
    expect(history.map((h) => h.text)).toEqual(
      expect.arrayContaining(["Notice recorded as sent: Law enforcement (return)", "Notice recorded as sent: NCMEC (return)", "Notice marked not applicable: The court (return)"]),
    );
  });

  it("refuses a late notice without a reason, one before the recovery or in the future, and one without who, whom and how", async () => {
    const late = await refusal(returnNotice("NCMEC", { sentAt: newYorkWall(ago(30 * MINUTE)) }));
    expect((late as ValidationError).fieldErrors.lateReason).toContain("2 hours after the agency learned of the recovery");
    expect((await refusal(returnNotice("NCMEC", { sentAt: newYorkWall(ago(4 * HOUR)) })) as ValidationError).fieldErrors.sentAt).toContain("before the child was recovered");
    expect((await refusal(returnNotice("NCMEC", { sentAt: newYorkWall(ago(-2 * HOUR)) })) as ValidationError).fieldErrors.sentAt).toContain("future");
    const missing = await refusal(returnNotice("COURT", { sentAt: newYorkWall(ago(2 * HOUR)), toldBy: "", toWhom: "", method: "" }));
    expect(Object.keys((missing as ValidationError).fieldErrors)).toEqual(["toldBy", "toWhom", "method"]);
    expect(await db().episodeNotice.count()).toBe(0);
  });

  it("refuses law enforcement's or NCMEC's as not applicable, a recipient not on the list and a cancellation before any ending", async () => {
    const values = async (event: string) => ({ version: await episodeVersion(episodeId), event, reason: "NO_SUCH_PERSON", note: "" });
    await expect(markNoticeNotApplicable(caseworker, { episodeId, recipient: "NCMEC", values: await values("RETURN") }, ctx())).rejects.toMatchObject({ code: "REFUSED", reason: "authority-always-applies" });
    await expect(markNoticeNotApplicable(caseworker, { episodeId, recipient: "CASA", values: await values("RETURN") }, ctx())).rejects.toMatchObject({ code: "INCOMPLETE" });
    await expect(returnNotice("LAW_ENFORCEMENT", { sentAt: newYorkWall(ago(HOUR)) }, "CANCEL")).rejects.toMatchObject({ code: "INCOMPLETE", message: expect.stringContaining("ends without a recovery") });
    await expect(returnNotice("SHERIFF", { sentAt: newYorkWall(ago(HOUR)) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(returnNotice("LAW_ENFORCEMENT", { sentAt: newYorkWall(ago(HOUR)), event: "FOUND" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db().episodeNotice.count()).toBe(0);
  });

  it("keep the recovery from being taken back once one is recorded", async () => {
    await returnNotice("LAW_ENFORCEMENT", { sentAt: newYorkWall(ago(170 * MINUTE)) });
    await expect(recover({ locatedAt: recoveredAt })).rejects.toMatchObject({ code: "REFUSED", reason: "recovered-follow-up-recorded" });
    expect((await view()).facts.recovery?.recoveredAt).not.toBeNull();
  });
});

describe("an ending without a recovery", () => {
  it("ends the episode, starts the cancellation clocks for law enforcement and NCMEC, and takes their notices", async () => {
    const endedAt = ago(HOUR);
    await end({ reason: "JURISDICTION_ENDED", endedAt: newYorkWall(endedAt), note: "Order of the family court" });
    const first = await view();
    let { progress, facts } = first;
    expect(progress.stage).toBe("ended-without-recovery");
    expect(progress.missing).toBe(false);
    expect(facts.ended).toMatchObject({ reason: "JURISDICTION_ENDED", note: "Order of the family court", recordedById: caseworker.userId });
    expect(progress.cancelNotices.map((n) => [n.recipient, n.clock.ruleHours, n.state])).toEqual([
      ["LAW_ENFORCEMENT", 2, "pending"],
      ["NCMEC", 2, "pending"],
    ]);
    expect((await clockRows("CANCEL_NOTICE")).map((r) => [r.subject, r.startedAt, r.deadline])).toEqual(
      ["LAW_ENFORCEMENT", "NCMEC"].map((subject) => {
        const clock = progress.cancelNotices.find((n) => n.recipient === subject)!.clock;
        return [subject, clock.startedAt, clock.deadline];
      }),
    );
    expect(first.history.map((h) => h.text)).toContain("Episode ended without a recovery: A court ended its jurisdiction");

    await returnNotice("LAW_ENFORCEMENT", { sentAt: newYorkWall(ago(30 * MINUTE)), confirmed: true }, "CANCEL");
    ({ progress, facts } = await view());
    expect(progress.cancelNotices.map((n) => n.state)).toEqual(["on-time", "pending"]);
    expect(facts.notices).toEqual([expect.objectContaining({ event: "CANCEL", recipient: "LAW_ENFORCEMENT", confirmed: true })]);
    expect((await clockRows("CANCEL_NOTICE")).find((r) => r.subject === "LAW_ENFORCEMENT")!.doneAt).toEqual(progress.cancelNotices[0]!.clock.doneAt);
    expect((await db().auditEvent.findMany({ where: { action: { in: ["episode.ended_without_recovery", "notice.sent_recorded"] } }, orderBy: { id: "asc" } })).map((e) => [e.action, e.details])).toEqual([
      ["episode.ended_without_recovery", { reason: "JURISDICTION_ENDED" }],
      ["notice.sent_recorded", { recipient: "LAW_ENFORCEMENT", event: "CANCEL", late: false }],
    ]);
  });

  it("is allowed once the child is located but not recovered", async () => {
    await recover({ locatedAt: newYorkWall(ago(2 * HOUR)) });
    await end({ endedAt: newYorkWall(ago(HOUR)), reason: "DIED" });
    expect((await view()).progress.stage).toBe("ended-without-recovery");
  });

  it("is refused once the child was recovered, twice, with a time in the future or before the child was last seen", async () => {
    await expect(end({ endedAt: newYorkWall(ago(-2 * HOUR)) })).rejects.toMatchObject({ fieldErrors: { endedAt: expect.stringContaining("future") } });
    await expect(end({ endedAt: newYorkWall(new Date(lastSeenAt.getTime() - HOUR)) })).rejects.toMatchObject({ fieldErrors: { endedAt: expect.stringContaining("last seen") } });
    await expect(end({ endedAt: newYorkWall(ago(HOUR)), reason: "RAN_AWAY" })).rejects.toMatchObject({ fieldErrors: { reason: expect.any(String) } });
    await end({ endedAt: newYorkWall(ago(HOUR)) });
    await expect(end({ endedAt: newYorkWall(ago(HOUR)) })).rejects.toMatchObject({ code: "REFUSED", reason: "already-ended" });

    const { episodeId: other } = await reportedEpisode(caseworker);
    await recover({ recoveredAt: newYorkWall(ago(HOUR)) }, caseworker, other);
    await expect(end({ endedAt: newYorkWall(ago(HOUR)) }, caseworker, other)).rejects.toMatchObject({ code: "REFUSED", reason: "recovered" });
    expect((await db().episode.findUniqueOrThrow({ where: { id: other } })).endedAt).toBeNull();
    expect(await db().episodeClock.count({ where: { episodeId: other, kind: "CANCEL_NOTICE" } })).toBe(0);
  });

  it("is refused for another agency, a role that does not file reports and an outdated page", async () => {
    const values = { endedAt: newYorkWall(ago(HOUR)) };
    await expect(end(values, outsider)).rejects.toBeInstanceOf(NotFoundError);
    await expect(end(values, supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(endEpisodeWithoutRecovery(caseworker, { episodeId, values: { ...values, reason: "AGED_OUT", note: "", version: (await episodeVersion(episodeId)) - 1 } }, ctx())).rejects.toMatchObject({ code: "STALE_VERSION" });
    expect((await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).endedAt).toBeNull();
  });
});
