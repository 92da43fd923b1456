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
import { recordNoticeSent } from "@/server/episodes/record-notice-sent";
import { markNoticeNotApplicable } from "@/server/episodes/mark-notice-not-applicable";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
const HOUR = 3_600_000;
let caseworker: Actor;
let supervisor: Actor;
let admin: Actor;
let outsider: Actor;
let episodeId: string;
let discoveredAt: Date;

const version = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
  await updateAgencySettings(admin, { ...(await getAgencySettings(admin)), missingNotices: { COURT: 2, PARENTS: 12, TRIBE: 24, CAREGIVER: 24 } }, ctx());
  ({ episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-1", underAgencyGuardianship: "yes" } }, ctx()));
  const steps = completeSteps(new Date());
  for (const step of ["child", "missing-event"] as const) await saveEpisodeStep(caseworker, { episodeId, step, version: await version(episodeId), values: steps[step] }, ctx());
  discoveredAt = (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).discoveredAt!;
});

const progress = async () => (await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId() })).progress;
const sent = async (recipient: string, at: Date, lateReason = "", who: Actor = caseworker) =>
  recordNoticeSent(who, { episodeId, recipient, values: { version: await version(episodeId), sentAt: newYorkWall(at), lateReason } }, ctx());
const notApplicable = async (recipient: string, reason: string, note = "", who: Actor = caseworker) =>
  markNoticeNotApplicable(who, { episodeId, recipient, values: { version: await version(episodeId), reason, note } }, ctx());

describe("notices", () => {
  it("are met when recorded sent, or marked not applicable with a reason that fits the recipient, through the clock rows", async () => {
    await sent("PARENTS", new Date(discoveredAt.getTime() + HOUR));
    await notApplicable("TRIBE", "ICWA_DOES_NOT_APPLY");
    await notApplicable("CAREGIVER", "OTHER", "The caregiver reported the child missing");
    const now = await progress();
    expect(now.notices.map((n) => [n.recipient, n.state])).toEqual([["COURT", expect.stringMatching(/pending|overdue/)], ["PARENTS", "on-time"], ["TRIBE", "not-applicable"], ["CAREGIVER", "not-applicable"]]);
    const rows = await db().episodeClock.findMany({ where: { episodeId, kind: "MISSING_NOTICE" }, orderBy: { subject: "asc" } });
    expect(rows.map((r) => [r.subject, r.doneAt !== null])).toEqual([["CAREGIVER", true], ["COURT", false], ["PARENTS", true], ["TRIBE", true]]);
    // The rows are what episodeProgress() derives: the same instants.
    expect(now.notices.map((n) => [n.recipient, n.clock.doneAt, n.clock.ruleHours])).toEqual(
      ["COURT", "PARENTS", "TRIBE", "CAREGIVER"].map((subject) => [subject, rows.find((r) => r.subject === subject)!.doneAt, rows.find((r) => r.subject === subject)!.ruleHours]),
    );
    expect((await db().auditEvent.findMany({ where: { action: { startsWith: "notice." } }, orderBy: { id: "asc" } })).map((e) => [e.action, e.details])).toEqual([
      ["notice.sent_recorded", { recipient: "PARENTS", event: "MISSING", late: false }],
      ["notice.not_applicable", { recipient: "TRIBE", event: "MISSING", reason: "ICWA_DOES_NOT_APPLY" }],
      ["notice.not_applicable", { recipient: "CAREGIVER", event: "MISSING", reason: "OTHER" }],
    ]);
  });

  it("needs a reason when sent after its deadline, and keeps it", async () => {
    const late = new Date(discoveredAt.getTime() + 2 * HOUR + 5 * 60_000);
    await expect(sent("COURT", late)).rejects.toMatchObject({ fieldErrors: { lateReason: expect.stringContaining("after the deadline (2 hours") } });
    await sent("COURT", late, "The clerk's office was closed");
    const court = (await progress()).notices[0]!;
    expect(court.state).toBe("late");
    expect(court.record?.note).toBe("The clerk's office was closed");
    expect((await db().episodeClock.findFirstOrThrow({ where: { episodeId, subject: "COURT" } })).lateReason).toBe("The clerk's office was closed");
  });

  it("refuses a time in the future or before the child was last seen", async () => {
    await expect(sent("COURT", new Date(Date.now() + 2 * HOUR))).rejects.toMatchObject({ fieldErrors: { sentAt: expect.stringContaining("future") } });
    await expect(sent("COURT", new Date(discoveredAt.getTime() - 5 * HOUR))).rejects.toMatchObject({ fieldErrors: { sentAt: expect.stringContaining("last seen") } });
    await expect(recordNoticeSent(caseworker, { episodeId, recipient: "COURT", values: { version: await version(episodeId), sentAt: "yesterday", lateReason: "" } }, ctx())).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses reasons that do not fit the recipient, and 'other' without a note", async () => {
    await expect(notApplicable("COURT", "PARENTAL_RIGHTS_TERMINATED")).rejects.toMatchObject({ fieldErrors: { reason: expect.stringContaining("not a reason") } });
    await expect(notApplicable("PARENTS", "ICWA_DOES_NOT_APPLY")).rejects.toBeInstanceOf(ValidationError);
    await expect(notApplicable("TRIBE", "PARENT_SUSPECTED")).rejects.toBeInstanceOf(ValidationError);
    await expect(notApplicable("COURT", "OTHER")).rejects.toMatchObject({ fieldErrors: { note: expect.any(String) } });
    await notApplicable("PARENTS", "PARENTAL_RIGHTS_TERMINATED");
    await notApplicable("COURT", "NO_SUCH_PERSON");
    expect((await progress()).notices.filter((n) => n.state === "not-applicable").map((n) => n.recipient)).toEqual(["COURT", "PARENTS"]);
  });

  it("lets a supervisor record a notice for a caseworker who is off, as the supervisor's", async () => {
    await sent("COURT", new Date(discoveredAt.getTime() + HOUR), "", supervisor);
    expect((await db().episodeNotice.findFirstOrThrow({ where: { episodeId, recipient: "COURT" } })).recordedById).toBe(supervisor.userId);
  });

  it("refuses another agency, a role that records nothing on episodes, an outdated page and a recipient the episode does not have", async () => {
    await expect(sent("COURT", discoveredAt, "", outsider)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sent("COURT", discoveredAt, "", admin)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sent("SHERIFF", discoveredAt)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sent("CASA", discoveredAt)).rejects.toMatchObject({ code: "INCOMPLETE" });
    const stale = (await version(episodeId)) - 1;
    await expect(recordNoticeSent(caseworker, { episodeId, recipient: "COURT", values: { version: stale, sentAt: newYorkWall(discoveredAt), lateReason: "" } }, ctx())).rejects.toBeInstanceOf(ConflictError);
    await expect(recordNoticeSent(caseworker, { episodeId, recipient: "COURT", values: { version: 1, sentAt: newYorkWall(discoveredAt), lateReason: "", extra: 1 } }, ctx())).rejects.toMatchObject({ name: "BadRequestError" });
    expect(await db().episodeNotice.count()).toBe(0);
  });

  it("keep a recorded notice within its rules when the missing event's times change", async () => {
    const steps = completeSteps(new Date());
    const saveTimes = async (times: { discoveredAt: Date; lastSeenAt: Date }) =>
      saveEpisodeStep(
        caseworker,
        { episodeId, step: "missing-event", version: await version(episodeId), values: { ...steps["missing-event"], discoveredAt: newYorkWall(times.discoveredAt), lastSeenAt: newYorkWall(times.lastSeenAt) } },
        ctx(),
      );
    const lastSeenAt = (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).lastSeenAt!;
    // Told the court an hour after the agency learned of it: on time for its 2 hours.
    await sent("COURT", new Date(discoveredAt.getTime() + HOUR));
    // Learned 1.5 hours earlier: the notice would be late, and it has no reason.
    const late = await saveTimes({ discoveredAt: new Date(discoveredAt.getTime() - 90 * 60_000), lastSeenAt }).catch((e: unknown) => e);
    expect((late as ValidationError).fieldErrors.discoveredAt).toContain("notice to the court would be past its deadline");
    // Last seen after the notice was given: refused too.
    const before = await saveTimes({ discoveredAt: new Date(discoveredAt.getTime() + 2 * HOUR), lastSeenAt: new Date(discoveredAt.getTime() + 90 * 60_000) }).catch((e: unknown) => e);
    expect((before as ValidationError).fieldErrors.lastSeenAt).toContain("notice to the court is recorded as given before the child was last seen");
    expect((await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).discoveredAt).toEqual(discoveredAt);
    // With the reason recorded, the earlier time is taken.
    await sent("COURT", new Date(discoveredAt.getTime() + HOUR), "Waited for the court's duty clerk");
    await saveTimes({ discoveredAt: new Date(discoveredAt.getTime() - 90 * 60_000), lastSeenAt });
    expect((await progress()).notices[0]).toMatchObject({ recipient: "COURT", state: "late" });
  });

  it("are named in the case's history", async () => {
    await sent("PARENTS", new Date(discoveredAt.getTime() + HOUR));
    await notApplicable("TRIBE", "ICWA_DOES_NOT_APPLY");
    const { history } = await getEpisode(caseworker, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
    expect(history.map((entry) => entry.text).slice(-2)).toEqual(["Notice recorded as sent: The parents", "Notice marked not applicable: The child's tribe"]);
  });

  it("leaves the case list's report clocks as they were", async () => {
    const row = (await listEpisodes(caseworker, { stage: "all", sort: "deadline", direction: "asc", cursor: null }, ctx())).rows[0]!;
    expect(row.lawEnforcement?.kind).toBe("LAW_ENFORCEMENT_REPORT");
    expect(row.ncmec?.kind).toBe("NCMEC_REPORT");
    expect(row.ncmec!.deadline.getTime() - discoveredAt.getTime()).toBe(24 * HOUR);
  });
});
