import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError } from "@/server/authz/errors";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import { getAgencySettings } from "@/server/agency/get-agency-settings";
import { updateAgencySettings } from "@/server/agency/update-agency-settings";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { recordRecovery } from "@/server/episodes/record-recovery";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import type { TAgencySettings } from "@/lib/schemas/agency-settings";

const ctx = () => ({ requestId: requestId() });
let admin: Actor;
let supervisor: Actor;
let caseworker: Actor;
let otherAdmin: Actor;
let agencyId: string;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  agencyId = agency.id;
  admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  otherAdmin = await signInAs(await makeUser((await makeAgency("Other County", "America/Chicago")).id, "ADMIN"));
});

const change = async (edit: Partial<TAgencySettings>, who: Actor = admin) => updateAgencySettings(who, { ...(await getAgencySettings(who)), ...edit }, ctx());

const version = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;

/** A new episode whose clocks have started: child and missing event saved. */
async function episodeWithClocks(caseNumber: string) {
  const { episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: caseNumber, underAgencyGuardianship: "yes" } }, ctx());
  const steps = completeSteps(new Date());
  for (const step of ["child", "missing-event"] as const) {
    await saveEpisodeStep(caseworker, { episodeId, step, version: await version(episodeId), values: { ...steps[step], ...(step === "child" ? { agencyCaseNumber: caseNumber } : {}) } }, ctx());
  }
  return episodeId;
}

const clocksOf = async (episodeId: string) =>
  (await db().episodeClock.findMany({ where: { episodeId }, orderBy: [{ kind: "asc" }, { subject: "asc" }], select: { kind: true, subject: true, ruleHours: true } })).map(
    (c) => `${c.kind}${c.subject ? `:${c.subject}` : ""}=${c.ruleHours}`,
  );

describe("agency settings", () => {
  it("saves the agency's rules and audits what changed, before and after", async () => {
    const result = await change({ name: "Demo County CFS", state: "MO", lawEnforcementClockHours: 2, ncmecClockHours: 2, missingNotices: { COURT: 48, PARENTS: 12 }, returnNotices: { COURT: 72 } });
    expect(result.changed).toEqual(["name", "state", "lawEnforcementClockHours", "ncmecClockHours", "missingNotices", "returnNotices"]);
    const saved = await getAgencySettings(admin);
    expect(saved).toMatchObject({ name: "Demo County CFS", state: "MO", lawEnforcementClockHours: 2, ncmecClockHours: 2, missingNotices: { COURT: 48, PARENTS: 12 }, returnNotices: { COURT: 72 } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "agency.settings_changed" } });
    expect(event).toMatchObject({ actorUserId: admin.userId, agencyId, targetType: "Agency", targetId: agencyId });
    expect(event.details).toEqual({
      before: { name: "Demo County", state: "NY", lawEnforcementClockHours: 24, ncmecClockHours: 24, missingNotices: {}, returnNotices: {} },
      after: { name: "Demo County CFS", state: "MO", lawEnforcementClockHours: 2, ncmecClockHours: 2, missingNotices: { COURT: 48, PARENTS: 12 }, returnNotices: { COURT: 72 } },
    });
    // Removing a recipient removes its rule; saving the same again records nothing.
    await change({ missingNotices: { COURT: 48 } });
    expect((await getAgencySettings(admin)).missingNotices).toEqual({ COURT: 48 });
    expect((await change({})).changed).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "agency.settings_changed" } })).toBe(2);
  });

  it("requires a reason when caseworkers may sign in without a second factor, and drops it when turned off", async () => {
    await expect(change({ caseworkerSecondFactorOptional: true, secondFactorOptionalReason: "" })).rejects.toMatchObject({ fieldErrors: { secondFactorOptionalReason: expect.stringContaining("Say why") } });
    await change({ caseworkerSecondFactorOptional: true, secondFactorOptionalReason: "Field staff share rural phones without service" });
    expect(await db().agency.findUniqueOrThrow({ where: { id: agencyId } })).toMatchObject({ caseworkerSecondFactorOptional: true, secondFactorOptionalReason: "Field staff share rural phones without service" });
    await change({ caseworkerSecondFactorOptional: false });
    expect(await db().agency.findUniqueOrThrow({ where: { id: agencyId } })).toMatchObject({ caseworkerSecondFactorOptional: false, secondFactorOptionalReason: null });
  });

  it.each([0, 25, 1.5, -2])("refuses %s hours for a reporting clock, changing nothing", async (hours) => {
    const error = await change({ ncmecClockHours: hours }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.ncmecClockHours).toMatch(/whole number|at least 1|at most 24/);
    expect((await getAgencySettings(admin)).ncmecClockHours).toBe(24);
  });

  it("refuses an unknown time zone, a fixed offset, a bad state, a notice of 0 hours and fields the form does not have", async () => {
    for (const [edit, field] of [
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ timeZone: "+05:00" }, "timeZone"],
      [{ state: "XX" }, "state"],
      [{ missingNotices: { COURT: 0 } }, "missingNotices.COURT"],
    ] as const) {
      const error = await change(edit).catch((e: unknown) => e);
      expect(error, JSON.stringify(edit)).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    }
    await expect(updateAgencySettings(admin, { ...(await getAgencySettings(admin)), agencyId: otherAdmin.agency.id }, ctx())).rejects.toBeInstanceOf(BadRequestError);
    await expect(updateAgencySettings(admin, { ...(await getAgencySettings(admin)), missingNotices: { SHERIFF: 4 } }, ctx())).rejects.toBeInstanceOf(BadRequestError);
    expect(await db().auditEvent.count({ where: { action: "agency.settings_changed" } })).toBe(0);
  });

  it("refuses a supervisor and a caseworker; an admin changes only their own agency", async () => {
    const settings = await getAgencySettings(admin);
    await expect(updateAgencySettings(supervisor, { ...settings, ncmecClockHours: 2 }, ctx())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateAgencySettings(caseworker, { ...settings, ncmecClockHours: 2 }, ctx())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getAgencySettings(supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    await change({ ncmecClockHours: 3 }, otherAdmin);
    expect((await getAgencySettings(admin)).ncmecClockHours).toBe(24);
    expect((await getAgencySettings(otherAdmin)).ncmecClockHours).toBe(3);
  });
});

describe("the agency's rules after the report", () => {
  it("are the product's defaults until changed, then saved and audited before and after", async () => {
    expect(await getAgencySettings(admin)).toMatchObject({
      returnNoticeHours: 24,
      debriefHours: 72,
      leadHours: 24,
      longTermMissingDays: 30,
      searchReminderEveryDays: null,
      searchReminderForDays: null,
      traffickingReportHours: 24,
      traffickingClockForSuspected: false,
      screeningInstruments: [],
    });
    const rules = {
      returnNoticeHours: 12,
      debriefHours: 48,
      leadHours: 8,
      longTermMissingDays: 60,
      searchReminderEveryDays: 7,
      searchReminderForDays: 30,
      traffickingReportHours: 8,
      traffickingClockForSuspected: true,
      screeningInstruments: ["Texas HTSA", "County intake screen"],
    };
    expect((await change(rules)).changed).toEqual(Object.keys(rules));
    expect(await getAgencySettings(admin)).toMatchObject(rules);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "agency.settings_changed" } });
    expect(event.details).toEqual({
      before: { returnNoticeHours: 24, debriefHours: 72, leadHours: 24, longTermMissingDays: 30, searchReminderEveryDays: null, searchReminderForDays: null, traffickingReportHours: 24, traffickingClockForSuspected: false, screeningInstruments: [] },
      after: rules,
    });
    // The reminder turned off again: both empty.
    await change({ searchReminderEveryDays: null, searchReminderForDays: null });
    expect(await db().agency.findUniqueOrThrow({ where: { id: agencyId } })).toMatchObject({ searchReminderEveryDays: null, searchReminderForDays: null });
  });

  it.each([
    [{ returnNoticeHours: 0 }, "returnNoticeHours", "between 1 and 168"],
    [{ returnNoticeHours: 169 }, "returnNoticeHours", "between 1 and 168"],
    [{ debriefHours: 721 }, "debriefHours", "between 1 and 720"],
    [{ debriefHours: 2.5 }, "debriefHours", "whole number"],
    [{ leadHours: 0 }, "leadHours", "between 1 and 168"],
    [{ longTermMissingDays: 366 }, "longTermMissingDays", "between 1 and 365"],
    [{ traffickingReportHours: 25 }, "traffickingReportHours", "federal law allows at most 24"],
    [{ searchReminderEveryDays: 7, searchReminderForDays: null }, "searchReminderForDays", "for how many days"],
    [{ searchReminderEveryDays: null, searchReminderForDays: 30 }, "searchReminderEveryDays", "how often"],
    [{ searchReminderEveryDays: 14, searchReminderForDays: 7 }, "searchReminderForDays", "at least one interval"],
    [{ searchReminderEveryDays: 31, searchReminderForDays: 60 }, "searchReminderEveryDays", "between 1 and 30"],
    [{ screeningInstruments: ["Texas HTSA", "texas htsa"] }, "screeningInstruments.1", "already listed"],
    [{ screeningInstruments: ["Vera TVIT, short form"] }, "screeningInstruments.0", "built-in list"],
    [{ screeningInstruments: ["  "] }, "screeningInstruments.0", "Enter the instrument's name"],
    [{ screeningInstruments: Array.from({ length: 21 }, (_, i) => `Tool ${i}`) }, "screeningInstruments", "at most 20"],
  ] satisfies [Partial<TAgencySettings>, string, string][])("refuses %j in words next to the field, changing nothing", async (edit, field, words) => {
    const error = await change(edit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors[field]).toContain(words);
    expect(await db().auditEvent.count({ where: { action: "agency.settings_changed" } })).toBe(0);
  });

  it("run the new clocks: the search reminder from the missing event, the debrief and the return notices from the recovery; running clocks keep theirs", async () => {
    await change({ searchReminderEveryDays: 7, searchReminderForDays: 30, returnNoticeHours: 6, debriefHours: 24, returnNotices: { CASA: 10 } });
    const episodeId = await episodeWithClocks("DC-1");
    expect((await clocksOf(episodeId)).filter((c) => c.startsWith("SEARCH_REMINDER"))).toEqual(["SEARCH_REMINDER:1=168", "SEARCH_REMINDER:2=168", "SEARCH_REMINDER:3=168", "SEARCH_REMINDER:4=168"]);
    await recordRecovery(caseworker, { episodeId, values: { version: await version(episodeId), recoveredAt: newYorkWall(new Date(Date.now() - 3_600_000)) } }, ctx());
    const afterRecovery = await clocksOf(episodeId);
    expect(afterRecovery.filter((c) => /RETURN_NOTICE|DEBRIEF/.test(c))).toEqual(["RETURN_NOTICE:CASA=10", "RETURN_NOTICE:LAW_ENFORCEMENT=6", "RETURN_NOTICE:NCMEC=6", "DEBRIEF=24"]);
    // The reminders that would start after the child was found are dropped.
    expect(afterRecovery.filter((c) => c.startsWith("SEARCH_REMINDER"))).toEqual(["SEARCH_REMINDER:1=168"]);
    await change({ returnNoticeHours: 2, debriefHours: 72, returnNotices: { COURT: 4 } });
    await recordRecovery(caseworker, { episodeId, values: { version: await version(episodeId), recoveredAt: newYorkWall(new Date(Date.now() - 2 * 3_600_000)) } }, ctx());
    expect(await clocksOf(episodeId)).toEqual(afterRecovery);
  });
});

describe("each clock keeps the rule in force when it started", () => {
  it("a tighter NCMEC clock applies to new episodes only", async () => {
    const before = await episodeWithClocks("DC-1");
    expect(await clocksOf(before)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=24"]);
    await change({ ncmecClockHours: 2 });
    const after = await episodeWithClocks("DC-2");
    expect(await clocksOf(after)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=2"]);
    // Saving the earlier episode again re-derives its clocks: they keep their 24 hours.
    const steps = completeSteps(new Date());
    await saveEpisodeStep(caseworker, { episodeId: before, step: "missing-event", version: await version(before), values: { ...steps["missing-event"], circumstances: "Left after dinner" } }, ctx());
    expect(await clocksOf(before)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=24"]);
    const deadline = await db().episodeClock.findFirstOrThrow({ where: { episodeId: after, kind: "NCMEC_REPORT" } });
    expect(deadline.deadline.getTime() - deadline.startedAt.getTime()).toBe(2 * 3_600_000);
  });

  it("the notice clocks are the agency's list when the clocks start, and stay so", async () => {
    await change({ missingNotices: { COURT: 48, PARENTS: 12 }, returnNotices: { CASA: 24 } });
    const first = await episodeWithClocks("DC-1");
    expect(await clocksOf(first)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=24", "MISSING_NOTICE:COURT=48", "MISSING_NOTICE:PARENTS=12"]);
    await change({ missingNotices: { COURT: 6, PARENTS: 12, CASA: 4 } });
    const steps = completeSteps(new Date());
    await saveEpisodeStep(caseworker, { episodeId: first, step: "description", version: await version(first), values: steps.description }, ctx());
    expect(await clocksOf(first)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=24", "MISSING_NOTICE:COURT=48", "MISSING_NOTICE:PARENTS=12"]);
    const second = await episodeWithClocks("DC-2");
    expect(await clocksOf(second)).toEqual(["LAW_ENFORCEMENT_REPORT=24", "NCMEC_REPORT=24", "MISSING_NOTICE:CASA=4", "MISSING_NOTICE:COURT=6", "MISSING_NOTICE:PARENTS=12"]);
  });
});

describe("the agency's reminder thresholds", () => {
  it("are 50 and 75 percent and 120 minutes until changed, then saved and audited before and after", async () => {
    expect(await getAgencySettings(admin)).toMatchObject({ reminderFirstPercent: 50, reminderSecondPercent: 75, escalationMinutes: 120 });
    const thresholds = { reminderFirstPercent: 40, reminderSecondPercent: 90, escalationMinutes: 30 };
    expect((await change(thresholds)).changed).toEqual(Object.keys(thresholds));
    expect(await db().agency.findUniqueOrThrow({ where: { id: agencyId } })).toMatchObject(thresholds);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "agency.settings_changed" } });
    expect(event.details).toEqual({ before: { reminderFirstPercent: 50, reminderSecondPercent: 75, escalationMinutes: 120 }, after: thresholds });
    expect((await getAgencySettings(otherAdmin)).escalationMinutes).toBe(120);
  });

  it.each([
    [{ reminderFirstPercent: 75, reminderSecondPercent: 75 }, "reminderSecondPercent", "later than the first: more than 75 percent"],
    [{ reminderFirstPercent: 80, reminderSecondPercent: 60 }, "reminderSecondPercent", "later than the first"],
    [{ reminderFirstPercent: 0 }, "reminderFirstPercent", "between 10 and 90 percent"],
    [{ reminderSecondPercent: 100 }, "reminderSecondPercent", "between 20 and 95 percent"],
    [{ reminderFirstPercent: 33.3 }, "reminderFirstPercent", "whole number of percent"],
    [{ escalationMinutes: 10 }, "escalationMinutes", "between 15 and 1440 minutes"],
    [{ escalationMinutes: 1441 }, "escalationMinutes", "between 15 and 1440 minutes"],
  ] satisfies [Partial<TAgencySettings>, string, string][])("refuses %j in words next to the field, changing nothing", async (edit, field, words) => {
    const error = await change(edit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors[field]).toContain(words);
    expect(await db().agency.findUniqueOrThrow({ where: { id: agencyId } })).toMatchObject({ reminderFirstPercent: 50, reminderSecondPercent: 75, escalationMinutes: 120 });
  });
});
