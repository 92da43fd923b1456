import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { listEpisodes, STAGE_FILTERS, type StageFilter } from "@/server/episodes/list-episodes";
import { loadEpisode } from "@/server/episodes/load-episode";
import { syncEpisode } from "@/server/episodes/sync-episode";
import { episodeProgress, type EpisodeStage } from "@/domain/episode-progress";
import { deriveClocks } from "@/domain/episode-clocks";
import type { FormStepKey } from "@/domain/steps";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const ctx = () => ({ requestId: requestId() });
let caseworker: Actor;

async function freshAgency() {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
}

const version = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;

async function episodeThrough(name: string, last: FormStepKey | null) {
  const { episodeId } = await startEpisode(caseworker, { newChild: { firstName: name, lastName: "Test", dateOfBirth: "2012-01-02", agencyCaseNumber: name, underAgencyGuardianship: "yes" } }, ctx());
  const steps = completeSteps(new Date());
  for (const step of last ? ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf(last) + 1) : []) {
    await saveEpisodeStep(caseworker, { episodeId, step, version: await version(episodeId), values: steps[step] }, ctx());
  }
  return episodeId;
}

/**
 * One episode in every stage. The facts after the report are written as rows (their use cases have
 * tests of their own); the stage column and the clock rows follow through the one sync either way.
 */
async function oneOfEach(): Promise<Record<EpisodeStage, string>> {
  const reported = async (name: string) => {
    const id = await episodeThrough(name, "ncmec");
    await submitEpisode(caseworker, { episodeId: id, version: await version(id) }, ctx());
    return id;
  };
  const withFacts = async (name: string, write: (id: string, now: Date) => Promise<unknown>) => {
    const id = await reported(name);
    const now = new Date();
    await write(id, now);
    await db().$transaction((tx) => syncEpisode(tx, caseworker, id, now));
    return id;
  };
  const recovery = (id: string, now: Date, recovered: boolean) =>
    db().recovery.create({
      data: { episodeId: id, agencyId: caseworker.agency.id, locatedAt: now, recoveredAt: recovered ? now : null, knownAt: recovered ? now : null, recordedById: caseworker.userId, recordedAt: now },
    });
  const debriefDone = (id: string, now: Date) =>
    db().returnDebrief.create({ data: { episodeId: id, agencyId: caseworker.agency.id, completedAt: now, recordedById: caseworker.userId, recordedAt: now } });
  const askSignOff = (id: string, now: Date) =>
    db().approval.create({ data: { agencyId: caseworker.agency.id, episodeId: id, purpose: "CLOSURE", status: "REQUESTED", requestedById: caseworker.userId, requestedAt: now } });
  return {
    "awaiting-law-enforcement": await episodeThrough("Started", null),
    "awaiting-ncmec": await episodeThrough("Told police", "guardian"),
    "ready-to-submit": await episodeThrough("Ready", "ncmec"),
    reported: await reported("Reported"),
    located: await withFacts("Located", (id, now) => recovery(id, now, false)),
    "debrief-due": await withFacts("Back", (id, now) => recovery(id, now, true)),
    recovered: await withFacts("Debriefed", async (id, now) => { await recovery(id, now, true); await debriefDone(id, now); }),
    "awaiting-sign-off": await withFacts("Asked", async (id, now) => { await recovery(id, now, true); await debriefDone(id, now); await askSignOff(id, now); }),
    closed: await withFacts("Closed", async (id, now) => { await recovery(id, now, true); await debriefDone(id, now); await db().episode.update({ where: { id }, data: { closedAt: now } }); }),
    "ended-without-recovery": await withFacts("Aged out", (id, now) => db().episode.update({ where: { id }, data: { endedAt: now, endReason: "AGED_OUT", endRecordedById: caseworker.userId } })),
    voided: await withFacts("Error", (id, now) => db().episode.update({ where: { id }, data: { voidedAt: now, voidedById: caseworker.userId, voidReason: "Entered twice" } })),
  };
}

const progressOf = (id: string, now: Date) => db().$transaction(async (tx) => {
  const { facts, rules } = await loadEpisode(tx, caseworker, id);
  return { facts, rules, progress: episodeProgress(facts, now, rules) };
});

/** The tests below only read: they share one episode in every stage (made once, about 4 s). */
describe("one episode in every stage", () => {
  let ids: string[];
  beforeAll(async () => {
    await freshAgency();
    ids = Object.values(await oneOfEach());
  });

  it.each(STAGE_FILTERS.map((filter) => [filter]))("%s lists exactly the episodes the progress function puts there", async (filter: StageFilter) => {
    const now = new Date();
    const expected: string[] = [];
    for (const id of ids) {
      const { progress } = await progressOf(id, now);
      const { stage } = progress;
      const open = progress.editable;
      if (filter === "all" || (filter === "open" && open) || filter === stage) expected.push(id);
    }
    const listed = await listEpisodes(caseworker, { stage: filter, sort: "started", direction: "asc", cursor: null }, { requestId: requestId(), now });
    expect(listed.rows.map((row) => row.id).sort()).toEqual(expected.sort());
    expect(listed.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    for (const row of listed.rows) expect(row.stage).toBe((await progressOf(row.id, now)).progress.stage);
  });

  it("has the clock rows the progress function derives for every episode, and the list shows their state", async () => {
    const now = new Date();
    for (const id of ids) {
      const { facts, rules, progress } = await progressOf(id, now);
      const rows = await db().episodeClock.findMany({ where: { episodeId: id }, select: { kind: true, subject: true, startedAt: true, ruleHours: true, deadline: true, doneAt: true, lateReason: true } });
      const byKey = (a: { kind: string; subject: string }, b: { kind: string; subject: string }) => `${a.kind}/${a.subject}`.localeCompare(`${b.kind}/${b.subject}`);
      expect(rows.sort(byKey)).toEqual([...deriveClocks(facts, rules)].sort(byKey));
      const row = (await listEpisodes(caseworker, { stage: "all", sort: "started", direction: "asc", cursor: null }, { requestId: requestId(), now })).rows.find((r) => r.id === id)!;
      expect([row.lawEnforcement?.state ?? null, row.ncmec?.state ?? null]).toEqual([progress.clocks[0]?.state ?? null, progress.clocks[1]?.state ?? null]);
    }
  });
});

describe("the clock rows", () => {
  beforeEach(freshAgency);

  it("follow a changed missing event: the deadline moves with the discovery time", async () => {
    const id = await episodeThrough("Moved", "missing-event");
    const steps = completeSteps(new Date());
    const before = await db().episodeClock.findMany({ where: { episodeId: id }, orderBy: { kind: "asc" } });
    const earlier = { ...steps["missing-event"], discoveredAt: steps["missing-event"].lastSeenAt };
    await saveEpisodeStep(caseworker, { episodeId: id, step: "missing-event", version: await version(id), values: earlier }, ctx());
    const after = await db().episodeClock.findMany({ where: { episodeId: id }, orderBy: { kind: "asc" } });
    expect(after.map((c) => c.deadline.getTime() - before[0]!.deadline.getTime())).toEqual([-2 * 3_600_000, -2 * 3_600_000]);
  });
});
