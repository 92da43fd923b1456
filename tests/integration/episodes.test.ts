import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { BadRequestError, ConflictError, ValidationError } from "@/server/use-case-errors";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { saveEpisodeDraft } from "@/server/episodes/save-episode-draft";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { searchChildren } from "@/server/children/search-children";
import type { FormStepKey } from "@/domain/steps";
import type { StepValues } from "@/lib/schemas/episode-steps";
import { formValuesOf } from "@/lib/step-codecs";
import { ORDERED_STEPS, completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { requestId, resetDatabase, makeTwoAgencies } from "./support";

const ctx = () => ({ requestId: requestId() });
const NEW_CHILD = { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-2026-0412", underAgencyGuardianship: "yes" };

let caseworker: Actor;
let colleague: Actor;
let supervisor: Actor;
let outsider: Actor;
let admin: Actor;

beforeEach(async () => {
  await resetDatabase();
  ({ caseworker, colleague, supervisor, admin, outsider } = await makeTwoAgencies());
});

async function newEpisode(actor = caseworker) {
  return (await startEpisode(actor, { newChild: NEW_CHILD }, ctx())).episodeId;
}

async function save(episodeId: string, step: FormStepKey, values: StepValues[FormStepKey], actor = caseworker, version?: number) {
  const current = version ?? (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).version;
  return saveEpisodeStep(actor, { episodeId, step, version: current, values }, ctx());
}

async function fileThrough(episodeId: string, last: FormStepKey, steps = completeSteps(new Date())) {
  for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf(last) + 1)) await save(episodeId, step, steps[step]);
}

async function snapshot() {
  const [episodes, children, le, ncmec, audit] = await Promise.all([
    db().episode.findMany({ orderBy: { id: "asc" } }),
    db().child.findMany({ orderBy: { id: "asc" } }),
    db().lawEnforcementReport.count(),
    db().ncmecReport.count(),
    db().auditEvent.count({ where: { action: { notIn: ["episode.viewed", "children.searched", "episodes.listed"] } } }),
  ]);
  return JSON.stringify({ episodes, children, le, ncmec, audit });
}

async function expectRefusedWithoutChange(work: () => Promise<unknown>, error: new (...args: never[]) => Error) {
  const before = await snapshot();
  await expect(work()).rejects.toBeInstanceOf(error);
  expect(await snapshot()).toBe(before);
}

describe("starting a report", () => {
  it("creates the child and an episode, both audited", async () => {
    const episodeId = await newEpisode();
    const episode = await db().episode.findUniqueOrThrow({ where: { id: episodeId }, include: { child: true } });
    expect(episode).toMatchObject({ caseworkerId: caseworker.userId, agencyId: caseworker.agency.id, completedSteps: [], prefill: null });
    expect(episode.child).toMatchObject({ firstName: "Jordan", lastName: "Rivera", agencyCaseNumber: "DC-2026-0412" });
    const actions = (await db().auditEvent.findMany({ where: { action: { in: ["child.created", "episode.created"] } } })).map((e) => e.action);
    expect(actions).toEqual(["child.created", "episode.created"]);
  });

  it("refuses a person outside the eligibility rule with a clear message", async () => {
    await expectRefusedWithoutChange(() => startEpisode(caseworker, { newChild: { ...NEW_CHILD, dateOfBirth: "2000-01-01" } }, ctx()), ValidationError);
    const error = await startEpisode(caseworker, { newChild: { ...NEW_CHILD, dateOfBirth: "2006-01-01", underAgencyGuardianship: "no" } }, ctx()).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual(["underAgencyGuardianship"]);
    expect(await db().child.count()).toBe(0);
  });

  it("accepts a 19-year-old still under the agency's guardianship", async () => {
    await expect(startEpisode(caseworker, { newChild: { ...NEW_CHILD, dateOfBirth: "2007-01-01" } }, ctx())).resolves.toHaveProperty("episodeId");
  });

  it("refuses a second open episode for the same child and names the open one", async () => {
    const episodeId = await newEpisode();
    const { childId } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await expectRefusedWithoutChange(() => startEpisode(colleague, { childId }, ctx()), ConflictError);
    const error = await startEpisode(colleague, { childId }, ctx()).catch((e) => e);
    expect(error).toMatchObject({ code: "OPEN_EPISODE", details: { episodeId } });
  });

  it("starts a repeat episode from the last episode's stable facts", async () => {
    const first = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(first, "guardian", steps);
    const { childId } = await db().episode.update({ where: { id: first }, data: { closedAt: new Date() } });
    const { episodeId } = await startEpisode(caseworker, { childId }, ctx());
    const repeat = await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId() });
    const prefill = repeat.facts.prefill!;
    expect(formValuesOf("description", prefill.description!, "America/New_York")).toEqual(steps.description);
    expect(formValuesOf("risks", prefill.risks!, "America/New_York")).toEqual(steps.risks);
    expect(prefill.contacts).toEqual({ phones: steps.contacts.phones, accounts: steps.contacts.accounts });
    expect(prefill.hasRunBefore).toBe(true);
    expect(repeat.facts.savedSteps).toEqual([]);
  });

  it("refuses tampered requests: unknown fields, another agency's child", async () => {
    await expectRefusedWithoutChange(() => startEpisode(caseworker, { newChild: { ...NEW_CHILD, agencyId: outsider.agency.id } }, ctx()), BadRequestError);
    const episodeId = await newEpisode();
    const { childId } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expectRefusedWithoutChange(() => startEpisode(outsider, { childId }, ctx()), NotFoundError);
  });

  it("finds children by name, date of birth or case number, only in the agency", async () => {
    const episodeId = await newEpisode();
    expect((await searchChildren(caseworker, { name: "jordan riv", dateOfBirth: "", agencyCaseNumber: "" }, ctx()))[0]).toMatchObject({
      name: "Jordan Rivera",
      openEpisodeId: episodeId,
    });
    expect(await searchChildren(caseworker, { name: "", dateOfBirth: "2011-05-14", agencyCaseNumber: "" }, ctx())).toHaveLength(1);
    expect(await searchChildren(caseworker, { name: "", dateOfBirth: "", agencyCaseNumber: "dc-2026-0412" }, ctx())).toHaveLength(1);
    expect(await searchChildren(outsider, { name: "Jordan", dateOfBirth: "", agencyCaseNumber: "" }, ctx())).toEqual([]);
    await expect(searchChildren(caseworker, { name: "", dateOfBirth: "", agencyCaseNumber: "" }, ctx())).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("saving steps", () => {
  it("files a complete report step by step, then submits it", async () => {
    const episodeId = await newEpisode();
    await fileThrough(episodeId, "ncmec");
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await submitEpisode(caseworker, { episodeId, version }, ctx());
    const view = await getEpisode(caseworker, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
    expect(view.progress.stage).toBe("reported");
    expect(view.progress.clocks.map((c) => [c.kind, c.state])).toEqual([["LAW_ENFORCEMENT_REPORT", "on-time"], ["NCMEC_REPORT", "on-time"]]);
    expect(view.facts.risks?.medical).toEqual({ present: true, details: "Asthma; needs an inhaler" });
    expect(view.facts.risks?.gang).toEqual({ present: null, details: "" });
    expect(view.history.map((h) => h.text)).toContain("Report submitted");
    expect(view.history.filter((h) => h.text.startsWith("Saved a step: "))).toHaveLength(8);
  });

  it("refuses a skipped step", async () => {
    const episodeId = await newEpisode();
    await save(episodeId, "child", completeSteps(new Date()).child);
    await expectRefusedWithoutChange(() => save(episodeId, "description", completeSteps(new Date()).description), ConflictError);
  });

  it("refuses NCMEC before law enforcement, even with every other step done", async () => {
    const episodeId = await newEpisode();
    await fileThrough(episodeId, "contacts");
    const error = await save(episodeId, "ncmec", completeSteps(new Date()).ncmec).catch((e) => e);
    expect(error).toMatchObject({ code: "LAW_ENFORCEMENT_FIRST" });
    await expectRefusedWithoutChange(() => save(episodeId, "ncmec", completeSteps(new Date()).ncmec), ConflictError);
  });

  it("accepts a documented refusal by law enforcement, after which NCMEC can be recorded", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(episodeId, "contacts", steps);
    await save(episodeId, "law-enforcement", {
      ...steps["law-enforcement"],
      outcome: "REFUSED",
      officerName: "",
      caseNumber: "",
      refusedBy: "Desk sergeant on duty",
      refusalStatement: "Told to wait 24 hours before reporting.",
    });
    await save(episodeId, "guardian", steps.guardian);
    await save(episodeId, "ncmec", steps.ncmec);
    const le = await db().lawEnforcementReport.findUniqueOrThrow({ where: { episodeId } });
    expect(le).toMatchObject({ outcome: "REFUSED", refusedBy: "Desk sergeant on duty", officerName: null, caseNumber: null });
  });

  it("refuses unknown fields and another agency's episode, changing nothing", async () => {
    const episodeId = await newEpisode();
    const child = completeSteps(new Date()).child;
    await expectRefusedWithoutChange(() => save(episodeId, "child", { ...child, agencyId: outsider.agency.id } as never), BadRequestError);
    await expectRefusedWithoutChange(() => save(episodeId, "child", child, outsider, 1), NotFoundError);
    await expectRefusedWithoutChange(() => save(episodeId, "child", child, admin, 1), ForbiddenError);
  });

  it("lets a supervisor record a step of a caseworker's report, audited as theirs", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(episodeId, "contacts", steps);
    await save(episodeId, "law-enforcement", steps["law-enforcement"], supervisor);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "episode.step_saved", targetId: episodeId }, orderBy: { id: "desc" } });
    expect(event.actorUserId).toBe(supervisor.userId);
    expect(event.details).toMatchObject({ step: "law-enforcement" });
    await expect(startEpisode(supervisor, { newChild: { ...NEW_CHILD, agencyCaseNumber: "DC-2026-0413" } }, ctx())).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("names every invalid field in words a caseworker understands", async () => {
    const episodeId = await newEpisode();
    const child = completeSteps(new Date()).child;
    const error = await save(episodeId, "child", { ...child, firstName: " ", dateOfBirth: "2011-02-30", races: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({
      firstName: "Enter the child's first name",
      dateOfBirth: "Enter the child's date of birth",
      races: "Choose at least one race, or Unknown",
    });
  });

  it("applies the clock rules: future times, last seen after discovery, DST gaps", async () => {
    const episodeId = await newEpisode();
    const now = new Date();
    const steps = completeSteps(now);
    await save(episodeId, "child", steps.child);
    const future = newYorkWall(new Date(now.getTime() + 2 * 3_600_000));
    const bad = await save(episodeId, "missing-event", { ...steps["missing-event"], discoveredAt: future }).catch((e) => e);
    expect(Object.keys(bad.fieldErrors)).toEqual(["discoveredAt"]);
    const reversed = await save(episodeId, "missing-event", {
      ...steps["missing-event"],
      lastSeenAt: steps["missing-event"].discoveredAt,
      discoveredAt: steps["missing-event"].lastSeenAt,
    }).catch((e) => e);
    expect(reversed).toBeInstanceOf(ValidationError);
    const gap = await save(episodeId, "missing-event", { ...steps["missing-event"], lastSeenAt: "2026-03-08T02:30" }).catch((e) => e);
    expect(gap.fieldErrors.lastSeenAt).toMatch(/clocks moved forward/);
    expect((await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).discoveredAt).toBeNull();
  });

  it("demands a reason for a late report, and keeps it", async () => {
    const episodeId = await newEpisode();
    const now = new Date();
    const steps = completeSteps(now, {});
    const discovered = new Date(now.getTime() - 30 * 3_600_000);
    steps["missing-event"] = { ...steps["missing-event"], lastSeenAt: newYorkWall(new Date(discovered.getTime() - 3_600_000)), discoveredAt: newYorkWall(discovered) };
    await fileThrough(episodeId, "contacts", steps);
    const error = await save(episodeId, "law-enforcement", steps["law-enforcement"]).catch((e) => e);
    expect(Object.keys(error.fieldErrors)).toEqual(["lateReason"]);
    await save(episodeId, "law-enforcement", { ...steps["law-enforcement"], lateReason: "The placement did not tell us until the next evening." });
    expect((await db().lawEnforcementReport.findUniqueOrThrow({ where: { episodeId } })).lateReason).toMatch(/next evening/);
  });

  it("refuses an NCMEC time before the law-enforcement report", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(episodeId, "guardian", steps);
    const error = await save(episodeId, "ncmec", { ...steps.ncmec, reportedAt: steps["missing-event"].discoveredAt }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(await db().ncmecReport.count()).toBe(0);
  });

  it("refuses the second of two conflicting saves of a step and shows the first", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await save(episodeId, "child", steps.child);
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await save(episodeId, "missing-event", steps["missing-event"], caseworker, version);
    const error = await save(episodeId, "missing-event", { ...steps["missing-event"], clothing: "Blue coat" }, colleague, version).catch((e) => e);
    expect(error).toMatchObject({ code: "STALE_VERSION" });
    expect(error.details.current.clothing).toBe(steps["missing-event"].clothing);
    expect(error.message).toMatch(/saved changes to this report/);
    const stored = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    expect((stored.missingEvent as { clothing: string }).clothing).toBe(steps["missing-event"].clothing);
    // Once they have seen the other version, they may save theirs.
    await save(episodeId, "missing-event", { ...steps["missing-event"], clothing: "Blue coat" }, colleague, error.details.version);
  });

  it("lets two people save different steps at the same time", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(episodeId, "missing-event", steps);
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await save(episodeId, "description", steps.description, caseworker, version);
    await save(episodeId, "child", { ...steps.child, middleName: "" }, colleague, version);
  });
});

describe("drafts", () => {
  it("keeps half-typed answers per person and step, and drops them when the step is saved", async () => {
    const episodeId = await newEpisode();
    await saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: { firstName: "Jor", races: ["W"] } });
    const view = await getEpisode(caseworker, episodeId, { permission: "reports:file", draftStep: "child", requestId: requestId() });
    expect(view.draft?.values).toEqual({ firstName: "Jor", races: ["W"] });
    const colleagueView = await getEpisode(colleague, episodeId, { permission: "reports:file", draftStep: "child", requestId: requestId() });
    expect(colleagueView.draft).toBeNull();
    await save(episodeId, "child", completeSteps(new Date()).child);
    expect(await db().episodeDraft.count()).toBe(0);
  });

  it("says a draft is stale when its step was saved since the version it started from", async () => {
    const episodeId = await newEpisode();
    const fresh = await saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: { firstName: "Jor" } });
    expect(fresh.stale).toBe(false);
    await save(episodeId, "child", completeSteps(new Date()).child, colleague);
    const stale = await saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: { firstName: "Jord" } });
    expect(stale.stale).toBe(true);
    expect((await saveEpisodeDraft(caseworker, { episodeId, step: "risks", baseVersion: 1, values: {} })).stale).toBe(false);
  });

  it("refuses a draft for a voided episode", async () => {
    const episodeId = await newEpisode();
    await db().episode.update({ where: { id: episodeId }, data: { voidedAt: new Date(), voidedById: caseworker.userId, voidReason: "Filed twice" } });
    await expect(saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: {} })).rejects.toBeInstanceOf(ConflictError);
    expect(await db().episodeDraft.count()).toBe(0);
  });

  it("refuses a draft with fields the step does not have, or for another agency", async () => {
    const episodeId = await newEpisode();
    await expect(saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: { evil: "x" } })).rejects.toBeInstanceOf(BadRequestError);
    await expect(saveEpisodeDraft(outsider, { episodeId, step: "child", baseVersion: 1, values: { firstName: "x" } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().episodeDraft.count()).toBe(0);
  });
});

describe("submitting", () => {
  it("refuses to submit before every step is saved", async () => {
    const episodeId = await newEpisode();
    await fileThrough(episodeId, "law-enforcement");
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await expectRefusedWithoutChange(() => submitEpisode(caseworker, { episodeId, version }, ctx()), ConflictError);
  });
});

describe("another agency", () => {
  it("is refused every read and write of an episode", async () => {
    const episodeId = await newEpisode();
    await fileThrough(episodeId, "ncmec");
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
    await expect(getEpisode(outsider, episodeId, { permission: "cases:view", requestId: requestId() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEpisode(outsider, episodeId, { permission: "reports:file", draftStep: "child", requestId: requestId() })).rejects.toBeInstanceOf(NotFoundError);
    for (const step of ORDERED_STEPS) {
      await expectRefusedWithoutChange(() => save(episodeId, step, completeSteps(new Date())[step], outsider, version), NotFoundError);
    }
    await expectRefusedWithoutChange(() => submitEpisode(outsider, { episodeId, version }, ctx()), NotFoundError);
    await expectRefusedWithoutChange(() => saveEpisodeDraft(outsider, { episodeId, step: "risks", baseVersion: version, values: {} }), NotFoundError);
    expect((await listEpisodes(outsider, { stage: "all", sort: "deadline", direction: "asc", cursor: null }, ctx())).total).toBe(0);
  });
});

describe("the case list", () => {
  it("lists the agency's episodes in one order for everyone, marks the actor's own and filters by stage", async () => {
    const mine = await newEpisode();
    const theirs = (await startEpisode(colleague, { newChild: { ...NEW_CHILD, firstName: "Alex", agencyCaseNumber: "DC-2" } }, ctx())).episodeId;
    await fileThrough(theirs, "law-enforcement");
    // By deadline: the one whose clock runs first, the draft without a clock last.
    const all = await listEpisodes(caseworker, { stage: "open", sort: "deadline", direction: "asc", cursor: null }, ctx());
    expect(all.rows.map((r) => [r.id, r.mine])).toEqual([[theirs, false], [mine, true]]);
    const colleagueView = await listEpisodes(colleague, { stage: "open", sort: "deadline", direction: "asc", cursor: null }, ctx());
    expect(colleagueView.rows.map((r) => [r.id, r.mine])).toEqual([[theirs, true], [mine, false]]);
    const awaitingNcmec = await listEpisodes(supervisor, { stage: "awaiting-ncmec", sort: "child", direction: "asc", cursor: null }, ctx());
    expect(awaitingNcmec.rows.map((r) => [r.id, r.stage])).toEqual([[theirs, "awaiting-ncmec"]]);
    const awaitingLe = await listEpisodes(supervisor, { stage: "awaiting-law-enforcement", sort: "child", direction: "asc", cursor: null }, ctx());
    expect(awaitingLe.rows.map((r) => [r.id, r.stage])).toEqual([[mine, "awaiting-law-enforcement"]]);
    expect(awaitingLe.rows[0]!.lawEnforcement).toBeNull();
    expect(awaitingNcmec.rows[0]!.ncmec?.state).toBe("pending");
  });
});

describe("changes that would break recorded reports", () => {
  it("refuses moving the discovery time so that a recorded report becomes late without a reason", async () => {
    const episodeId = await newEpisode();
    const steps = completeSteps(new Date());
    await fileThrough(episodeId, "ncmec", steps);
    const twoDaysEarlier = newYorkWall(new Date(Date.now() - 50 * 3_600_000));
    const error = await save(episodeId, "missing-event", { ...steps["missing-event"], discoveredAt: twoDaysEarlier, lastSeenAt: newYorkWall(new Date(Date.now() - 51 * 3_600_000)) }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.discoveredAt).toMatch(/past its deadline/);
  });

  it("refuses every change to a closed episode", async () => {
    const episodeId = await newEpisode();
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expectRefusedWithoutChange(() => save(episodeId, "child", completeSteps(new Date()).child), ConflictError);
    await expect(saveEpisodeDraft(caseworker, { episodeId, step: "child", baseVersion: 1, values: {} })).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets a report start for someone who turned 18 after going missing; the missing-event step decides", async () => {
    const now = new Date();
    const eighteenYesterday = new Date(now.getTime() - 86_400_000);
    const dateOfBirth = `${eighteenYesterday.getUTCFullYear() - 18}-${String(eighteenYesterday.getUTCMonth() + 1).padStart(2, "0")}-${String(eighteenYesterday.getUTCDate()).padStart(2, "0")}`;
    const { episodeId } = await startEpisode(caseworker, { newChild: { ...NEW_CHILD, dateOfBirth, underAgencyGuardianship: "no" } }, ctx());
    const steps = completeSteps(now);
    await save(episodeId, "child", { ...steps.child, dateOfBirth, underAgencyGuardianship: "no" });
    const threeDaysAgo = (hours: number) => newYorkWall(new Date(now.getTime() - hours * 3_600_000));
    // Missing three days ago, when still 17: eligible.
    await save(episodeId, "missing-event", { ...steps["missing-event"], lastSeenAt: threeDaysAgo(72), discoveredAt: threeDaysAgo(71) });
    // Missing an hour ago, already 18 and not under guardianship: refused.
    const error = await save(episodeId, "missing-event", { ...steps["missing-event"], lastSeenAt: threeDaysAgo(2), discoveredAt: threeDaysAgo(1) }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
  });
});
