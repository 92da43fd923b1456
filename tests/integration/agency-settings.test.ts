import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError } from "@/server/authz/errors";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import { getAgencySettings } from "@/server/agency/get-agency-settings";
import { updateAgencySettings } from "@/server/agency/update-agency-settings";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { completeSteps } from "../fixtures/episode-steps";
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
