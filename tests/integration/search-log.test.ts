import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import type { ClockKind } from "@/domain/clocks";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { EpisodeRefusedError } from "@/server/episodes/change-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { recordSearchActivity } from "@/server/episodes/record-search-activity";
import { recordLeadPassed } from "@/server/episodes/record-lead-passed";
import { recordNcicRecordsSent } from "@/server/episodes/record-ncic-records-sent";
import { markLongTermItem } from "@/server/episodes/mark-long-term-item";
import { POST as postActivity } from "@/app/api/episodes/[episodeId]/search/activities/route";
import { POST as postLeadPassed } from "@/app/api/episodes/[episodeId]/search/activities/[activityId]/lead-passed/route";
import { POST as postNcicRecordsSent } from "@/app/api/episodes/[episodeId]/search/ncic-records-sent/route";
import { POST as postLongTermItem } from "@/app/api/episodes/[episodeId]/search/long-term/[item]/route";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

let agencyId: string;
let caseworker: Actor;
let supervisor: Actor;
let admin: Actor;
let outsider: Actor;
let episodeId: string;
let lastSeenAt: Date;
let discoveredAt: Date;
/** When law enforcement entered the child into NCIC (the report's fixture gives none unless asked). */
let ncicEnteredAt: Date;

async function report(options: { ncicEntered?: boolean } = {}) {
  const now = new Date();
  const steps = completeSteps(now);
  // Wall times are whole minutes.
  ncicEnteredAt = new Date(Math.floor(later(now, -2 * HOUR).getTime() / 60_000) * 60_000);
  const lawEnforcement = { ...steps["law-enforcement"], ncicEnteredAt: options.ncicEntered ? newYorkWall(ncicEnteredAt) : "" };
  ({ episodeId } = await reportedEpisode(caseworker, { now, overrides: { "law-enforcement": lawEnforcement } }));
  const row = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
  lastSeenAt = row.lastSeenAt!;
  discoveredAt = row.discoveredAt!;
}

beforeEach(async () => {
  await resetDatabase();
  agencyId = (await makeAgency("Demo County", "America/New_York")).id;
  caseworker = await signInAs(await makeUser(agencyId, "CASEWORKER"));
  supervisor = await signInAs(await makeUser(agencyId, "SUPERVISOR"));
  admin = await signInAs(await makeUser(agencyId, "ADMIN"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
});

type ActivityValues = { kind: string; at: Date; contactedPerson: string; outcome: string; note: string; isLead: boolean };
const activityValues = (overrides: Partial<ActivityValues> = {}): ActivityValues => ({
  kind: "FRIENDS_AND_RELATIVES",
  at: later(lastSeenAt, HOUR),
  contactedPerson: "Aunt Maria",
  outcome: "Has not seen the child since Sunday",
  note: "Will call if she hears anything",
  isLead: false,
  ...overrides,
});

/** The activity form as the page sends it. */
const activityForm = async (overrides: Partial<ActivityValues> = {}, version?: number) => {
  const { at, ...rest } = activityValues(overrides);
  return { version: version ?? (await episodeVersion(episodeId)), ...rest, at: newYorkWall(at) };
};
const addActivity = async (overrides: Partial<ActivityValues> = {}, options: { who?: Actor; now?: Date; version?: number } = {}) =>
  recordSearchActivity(options.who ?? caseworker, { episodeId, values: await activityForm(overrides, options.version) }, ctx(options.now));

const passLead = async (activityId: string, passedAt: Date, options: { lateReason?: string; passedTo?: string; who?: Actor; now?: Date } = {}) =>
  recordLeadPassed(
    options.who ?? caseworker,
    { episodeId, activityId, values: { version: await episodeVersion(episodeId), passedAt: newYorkWall(passedAt), passedTo: options.passedTo ?? "Det. Lee, Springfield PD", lateReason: options.lateReason ?? "" } },
    ctx(options.now),
  );

const sendNcicRecords = async (sentAt: Date, options: { who?: Actor; now?: Date } = {}) =>
  recordNcicRecordsSent(options.who ?? caseworker, { episodeId, values: { version: await episodeVersion(episodeId), sentAt: newYorkWall(sentAt) } }, ctx(options.now));

const markItem = async (item: string, options: { who?: Actor; now?: Date } = {}) =>
  markLongTermItem(options.who ?? caseworker, { episodeId, item, values: { version: await episodeVersion(episodeId) } }, ctx(options.now));

const progressAt = async (now?: Date) => (await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId(), ...(now ? { now } : {}) })).progress;

/** The clock rows of one kind, as the instants progress derives them: subject, started, deadline, done, late reason, hours. */
const clockRows = async (kind: ClockKind) =>
  (await db().episodeClock.findMany({ where: { episodeId, kind }, orderBy: { startedAt: "asc" } })).map((r) => [r.subject, r.startedAt, r.deadline, r.doneAt, r.lateReason, r.ruleHours]);
const asRows = (clocks: readonly { subject: string; startedAt: Date; deadline: Date; doneAt: Date | null; lateReason: string | null; ruleHours: number }[]) =>
  clocks.map((c) => [c.subject, c.startedAt, c.deadline, c.doneAt, c.lateReason, c.ruleHours]);

const searchEvents = async () =>
  (await db().auditEvent.findMany({ where: { action: { startsWith: "search." } }, orderBy: { id: "asc" } })).map((e) => [e.action, e.outcome, e.details]);
const refusals = async () =>
  (await db().auditEvent.findMany({ where: { action: "episode.change_refused" }, orderBy: { id: "asc" } })).map((e) => [e.outcome, e.details]);

/** What a refused change must leave as it was. */
const snapshot = async () => ({
  episode: await db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true, stage: true, ncicRecordsSentAt: true } }),
  activities: await db().searchActivity.findMany({ where: { episodeId }, orderBy: { at: "asc" } }),
  longTerm: await db().longTermItem.findMany({ where: { episodeId } }),
  clocks: await db().episodeClock.findMany({ where: { episodeId }, orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
  events: await searchEvents(),
});

const recover = (recoveredAt: Date) =>
  db().recovery.create({ data: { episodeId, agencyId, recoveredAt, knownAt: recoveredAt, recordedById: caseworker.userId, recordedAt: recoveredAt } });

describe("the search log", () => {
  beforeEach(() => report());

  it("records activities with who and when, and starts a lead's clock at the activity's time", async () => {
    const { activityId: first } = await addActivity();
    const leadAt = later(lastSeenAt, 2 * HOUR);
    const { activityId: lead, version } = await addActivity({ kind: "ONLINE_ACCOUNTS", at: leadAt, contactedPerson: "", outcome: "A post from a bus station downtown", note: "", isLead: true });
    expect(version).toBe(await episodeVersion(episodeId));
    const rows = await db().searchActivity.findMany({ where: { episodeId }, orderBy: { at: "asc" } });
    expect(rows.map((r) => [r.id, r.kind, r.isLead, r.recordedById, r.agencyId])).toEqual([
      [first, "FRIENDS_AND_RELATIVES", false, caseworker.userId, agencyId],
      [lead, "ONLINE_ACCOUNTS", true, caseworker.userId, agencyId],
    ]);
    expect(rows[0]).toMatchObject({ contactedPerson: "Aunt Maria", outcome: "Has not seen the child since Sunday", note: "Will call if she hears anything", at: later(lastSeenAt, HOUR) });

    const progress = await progressAt();
    expect(progress.leads.map((l) => [l.activity.id, l.clock.state])).toEqual([[lead, "pending"]]);
    expect(progress.leads[0]!.clock.deadline).toEqual(later(leadAt, 24 * HOUR));
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual(asRows(progress.leads.map((l) => l.clock)));
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual([[lead, leadAt, later(leadAt, 24 * HOUR), null, null, 24]]);
    expect(await searchEvents()).toEqual([
      ["search.activity_recorded", "SUCCESS", { activityId: first, kind: "FRIENDS_AND_RELATIVES", isLead: false }],
      ["search.activity_recorded", "SUCCESS", { activityId: lead, kind: "ONLINE_ACCOUNTS", isLead: true }],
    ]);
  });

  it("runs a lead's clock on the agency's hours", async () => {
    await db().agency.update({ where: { id: agencyId }, data: { leadHours: 8 } });
    const { activityId } = await addActivity({ isLead: true });
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual([[activityId, later(lastSeenAt, HOUR), later(lastSeenAt, 9 * HOUR), null, null, 8]]);
  });

  it("refuses a time in the future, before the child was last seen, or that is not a time, and a kind it does not know", async () => {
    const before = await snapshot();
    await expect(addActivity({ at: later(new Date(), 2 * HOUR) })).rejects.toMatchObject({ fieldErrors: { at: expect.stringContaining("future") } });
    await expect(addActivity({ at: later(lastSeenAt, -HOUR) })).rejects.toMatchObject({ fieldErrors: { at: expect.stringContaining("last seen") } });
    const values = await activityForm();
    await expect(recordSearchActivity(caseworker, { episodeId, values: { ...values, at: "yesterday" } }, ctx())).rejects.toBeInstanceOf(ValidationError);
    await expect(recordSearchActivity(caseworker, { episodeId, values: { ...values, kind: "PSYCHIC" } }, ctx())).rejects.toMatchObject({ fieldErrors: { kind: expect.any(String) } });
    await expect(recordSearchActivity(caseworker, { episodeId, values: { ...values, extra: 1 } }, ctx())).rejects.toMatchObject({ name: "BadRequestError" });
    expect(await snapshot()).toEqual(before);
  });

  it("lets a supervisor record an activity for a caseworker who is off, audited as the supervisor's", async () => {
    await addActivity({}, { who: supervisor });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "search.activity_recorded", targetId: episodeId }, orderBy: { id: "desc" } });
    expect(event.actorUserId).toBe(supervisor.userId);
    expect((await db().searchActivity.findFirstOrThrow({ where: { episodeId } })).recordedById).toBe(supervisor.userId);
  });

  it("refuses another agency, a role that records nothing on episodes and an outdated page, changing nothing", async () => {
    await addActivity();
    const before = await snapshot();
    await expect(addActivity({}, { who: outsider })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addActivity({}, { who: admin })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addActivity({}, { version: before.episode.version - 1 })).rejects.toMatchObject({ code: "STALE_VERSION" });
    await expect(recordSearchActivity(caseworker, { episodeId: "not-a-uuid", values: await activityForm() }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  it("is closed once the child is no longer missing, and for a closed episode", async () => {
    await recover(later(lastSeenAt, 3 * HOUR));
    const before = await snapshot();
    const refusal = addActivity({ at: later(lastSeenAt, 4 * HOUR) });
    await expect(refusal).rejects.toBeInstanceOf(EpisodeRefusedError);
    await expect(refusal).rejects.toMatchObject({ reason: "not-missing", message: expect.stringContaining("no longer missing") });
    expect(await refusals()).toEqual([["DENIED", { change: "search", reason: "not-missing" }]]);
    expect(await snapshot()).toEqual(before);

    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expect(addActivity()).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("a search before the missing event is saved", () => {
  it("is refused", async () => {
    ({ episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Ari", lastName: "Stone", dateOfBirth: "2010-01-02", agencyCaseNumber: "DC-9", underAgencyGuardianship: "yes" } }, ctx()));
    await saveEpisodeStep(caseworker, { episodeId, step: "child", version: await episodeVersion(episodeId), values: completeSteps(new Date()).child }, ctx());
    lastSeenAt = later(new Date(), -5 * HOUR);
    const version = await episodeVersion(episodeId);
    await expect(addActivity()).rejects.toMatchObject({ reason: "missing-event-not-saved" });
    expect(await episodeVersion(episodeId)).toBe(version);
    expect(await db().searchActivity.count()).toBe(0);
  });
});

describe("a lead passed to law enforcement", () => {
  let leadId: string;
  let leadAt: Date;
  beforeEach(async () => {
    await report();
    leadAt = later(lastSeenAt, HOUR);
    ({ activityId: leadId } = await addActivity({ at: leadAt, isLead: true }));
  });

  it("meets the lead's clock on time, and can be corrected", async () => {
    await passLead(leadId, later(leadAt, 2 * HOUR));
    let progress = await progressAt();
    expect(progress.leads[0]!.clock.state).toBe("on-time");
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual(asRows(progress.leads.map((l) => l.clock)));
    expect(await db().searchActivity.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({ leadPassedAt: later(leadAt, 2 * HOUR), leadPassedTo: "Det. Lee, Springfield PD", leadLateReason: null });

    await passLead(leadId, later(leadAt, 3 * HOUR), { passedTo: "Sgt. Ortiz, Springfield PD" });
    progress = await progressAt();
    expect(progress.leads[0]!.clock.doneAt).toEqual(later(leadAt, 3 * HOUR));
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual([[leadId, leadAt, later(leadAt, 24 * HOUR), later(leadAt, 3 * HOUR), null, 24]]);
    expect((await db().searchActivity.findUniqueOrThrow({ where: { id: leadId } })).leadPassedTo).toBe("Sgt. Ortiz, Springfield PD");
    expect((await searchEvents()).slice(1)).toEqual([
      ["search.lead_passed", "SUCCESS", { activityId: leadId, late: false, corrected: false }],
      ["search.lead_passed", "SUCCESS", { activityId: leadId, late: false, corrected: true }],
    ]);
  });

  it("needs a reason after its deadline, and keeps it on the clock row", async () => {
    const now = later(leadAt, 30 * HOUR);
    const passedAt = later(leadAt, 25 * HOUR);
    const before = await snapshot();
    await expect(passLead(leadId, passedAt, { now })).rejects.toMatchObject({ fieldErrors: { lateReason: expect.stringContaining("after the deadline (24 hours") } });
    expect(await snapshot()).toEqual(before);
    await passLead(leadId, passedAt, { now, lateReason: "The detective was off until the morning" });
    const progress = await progressAt();
    expect(progress.leads[0]!.clock.state).toBe("late");
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual(asRows(progress.leads.map((l) => l.clock)));
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual([[leadId, leadAt, later(leadAt, 24 * HOUR), passedAt, "The detective was off until the morning", 24]]);
    expect((await searchEvents()).at(-1)).toEqual(["search.lead_passed", "SUCCESS", { activityId: leadId, late: true, corrected: false }]);
  });

  it("refuses a time before the activity or in the future, a missing recipient, and activities that are not leads of this episode", async () => {
    const { activityId: notLead } = await addActivity({ isLead: false });
    const before = await snapshot();
    await expect(passLead(leadId, later(leadAt, -30 * 60_000))).rejects.toMatchObject({ fieldErrors: { passedAt: expect.stringContaining("before the activity") } });
    await expect(passLead(leadId, later(new Date(), HOUR))).rejects.toMatchObject({ fieldErrors: { passedAt: expect.stringContaining("future") } });
    await expect(passLead(leadId, later(leadAt, HOUR), { passedTo: "  " })).rejects.toMatchObject({ fieldErrors: { passedTo: expect.any(String) } });
    await expect(passLead(notLead, later(leadAt, HOUR))).rejects.toBeInstanceOf(NotFoundError);
    await expect(passLead("7d5c7b7e-1111-4a4a-9a9a-123456789abc", later(leadAt, HOUR))).rejects.toBeInstanceOf(NotFoundError);
    await expect(passLead(leadId, later(leadAt, HOUR), { who: outsider })).rejects.toBeInstanceOf(NotFoundError);
    await expect(passLead(leadId, later(leadAt, HOUR), { who: admin })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      recordLeadPassed(caseworker, { episodeId, activityId: leadId, values: { version: before.episode.version - 1, passedAt: newYorkWall(later(leadAt, HOUR)), passedTo: "Det. Lee", lateReason: "" } }, ctx()),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await snapshot()).toEqual(before);
  });

  it("another episode's lead is not found", async () => {
    const first = episodeId;
    await report();
    await expect(passLead(leadId, later(lastSeenAt, HOUR))).rejects.toBeInstanceOf(NotFoundError);
    episodeId = first;
    expect((await db().searchActivity.findUniqueOrThrow({ where: { id: leadId } })).leadPassedAt).toBeNull();
  });

  it("is dropped when the child is found before it was due, and can no longer be recorded", async () => {
    await recover(later(leadAt, 2 * HOUR));
    // Not overdue when the child was found: the lead's clock is dropped.
    expect((await progressAt()).leads).toEqual([]);
    const before = await snapshot();
    await expect(passLead(leadId, later(leadAt, 3 * HOUR))).rejects.toMatchObject({ reason: "lead-moot" });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps an overdue lead when the child is found after its deadline, and records it passed after the recovery", async () => {
    const now = later(leadAt, 40 * HOUR);
    await recover(later(leadAt, 30 * HOUR));
    await passLead(leadId, later(leadAt, 35 * HOUR), { now, lateReason: "Overlooked until the recovery" });
    const progress = await progressAt();
    expect(progress.missing).toBe(false);
    expect(progress.leads.map((l) => [l.activity.id, l.clock.state])).toEqual([[leadId, "late"]]);
    expect(await clockRows("LEAD_TO_LAW_ENFORCEMENT")).toEqual(asRows(progress.leads.map((l) => l.clock)));
  });
});

describe("the records for the NCIC update", () => {
  it("are refused while the NCIC entry time is not known", async () => {
    await report({ ncicEntered: false });
    expect((await progressAt()).ncicUpdate).toBeNull();
    expect(await clockRows("NCIC_RECORDS_UPDATE")).toEqual([]);
    const before = await snapshot();
    await expect(sendNcicRecords(later(lastSeenAt, HOUR))).rejects.toMatchObject({ reason: "ncic-entry-unknown" });
    expect(await snapshot()).toEqual(before);
    expect(await refusals()).toEqual([["DENIED", { change: "search", reason: "ncic-entry-unknown" }]]);
  });

  it("run a clock of 25 days from the entry, met when the records are sent, and can be corrected", async () => {
    await report({ ncicEntered: true });
    let progress = await progressAt();
    expect(progress.ncicUpdate).toMatchObject({ startedAt: ncicEnteredAt, deadline: later(ncicEnteredAt, 25 * DAY), state: "pending", ruleHours: 600 });
    expect(await clockRows("NCIC_RECORDS_UPDATE")).toEqual(asRows([progress.ncicUpdate!]));

    const before = await snapshot();
    await expect(sendNcicRecords(later(ncicEnteredAt, -HOUR))).rejects.toMatchObject({ fieldErrors: { sentAt: expect.stringContaining("entered into NCIC") } });
    await expect(sendNcicRecords(later(new Date(), HOUR))).rejects.toMatchObject({ fieldErrors: { sentAt: expect.stringContaining("future") } });
    await expect(sendNcicRecords(later(ncicEnteredAt, HOUR), { who: outsider })).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendNcicRecords(later(ncicEnteredAt, HOUR), { who: admin })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);

    await sendNcicRecords(later(ncicEnteredAt, HOUR));
    progress = await progressAt();
    expect(progress.ncicUpdate).toMatchObject({ doneAt: later(ncicEnteredAt, HOUR), state: "on-time" });
    expect(await clockRows("NCIC_RECORDS_UPDATE")).toEqual(asRows([progress.ncicUpdate!]));
    expect(await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).toMatchObject({ ncicRecordsSentAt: later(ncicEnteredAt, HOUR), ncicRecordsSentById: caseworker.userId });

    const now = later(ncicEnteredAt, 27 * DAY);
    await sendNcicRecords(later(ncicEnteredAt, 26 * DAY), { now });
    progress = await progressAt();
    expect(progress.ncicUpdate?.state).toBe("late");
    expect(await clockRows("NCIC_RECORDS_UPDATE")).toEqual(asRows([progress.ncicUpdate!]));
    expect(await searchEvents()).toEqual([
      ["search.ncic_records_sent", "SUCCESS", { late: false, corrected: false }],
      ["search.ncic_records_sent", "SUCCESS", { late: true, corrected: true }],
    ]);
  });
});

describe("the long-term checklist", () => {
  beforeEach(() => report());

  it("is refused before the child has been missing the agency's number of days", async () => {
    const before = await snapshot();
    await expect(markItem("MEDICAL_RECORDS", { now: later(discoveredAt, 29 * DAY) })).rejects.toMatchObject({ reason: "not-long-term" });
    expect(await snapshot()).toEqual(before);
    await db().agency.update({ where: { id: agencyId }, data: { longTermMissingDays: 10 } });
    await markItem("MEDICAL_RECORDS", { now: later(discoveredAt, 11 * DAY) });
    expect(await db().longTermItem.count()).toBe(1);
  });

  it("marks each item done once, with who and when", async () => {
    const now = later(discoveredAt, 31 * DAY);
    await markItem("DENTAL_RECORDS", { now });
    await markItem("DENTAL_RECORDS", { now: later(now, HOUR) });
    await markItem("DNA_RELATIVES", { now: later(now, 2 * HOUR) });
    const progress = await progressAt(later(now, 3 * HOUR));
    expect(progress.longTerm?.appliesFrom).toEqual(later(discoveredAt, 30 * DAY));
    expect(progress.longTerm?.items.map((i) => [i.item, i.done?.doneAt ?? null, i.done?.doneById ?? null])).toEqual([
      ["MEDICAL_RECORDS", null, null],
      ["DENTAL_RECORDS", now, caseworker.userId],
      ["FINGERPRINTS", null, null],
      ["DNA_RELATIVES", later(now, 2 * HOUR), caseworker.userId],
      ["NCMEC_LONG_TERM_SERVICES", null, null],
    ]);
    expect(await searchEvents()).toEqual([
      ["search.long_term_item_done", "SUCCESS", { item: "DENTAL_RECORDS" }],
      ["search.long_term_item_done", "SUCCESS", { item: "DNA_RELATIVES" }],
    ]);
  });

  it("refuses an item not on the checklist, another agency and other roles", async () => {
    const now = later(discoveredAt, 31 * DAY);
    const before = await snapshot();
    await expect(markItem("HOROSCOPE", { now })).rejects.toBeInstanceOf(NotFoundError);
    await expect(markItem("FINGERPRINTS", { now, who: outsider })).rejects.toBeInstanceOf(NotFoundError);
    await expect(markItem("FINGERPRINTS", { now, who: admin })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markLongTermItem(caseworker, { episodeId, item: "FINGERPRINTS", values: { version: before.episode.version + 1 } }, ctx(now))).rejects.toMatchObject({ code: "STALE_VERSION" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the search reminder", () => {
  it("runs weekly for the agency's span when it sets one, each met by the first activity in it", async () => {
    await db().agency.update({ where: { id: agencyId }, data: { searchReminderEveryDays: 7, searchReminderForDays: 30 } });
    await report();
    let progress = await progressAt();
    expect(progress.searchReminders.map((c) => [c.subject, c.startedAt, c.deadline, c.doneAt])).toEqual([
      ["1", discoveredAt, later(discoveredAt, 7 * DAY), null],
      ["2", later(discoveredAt, 7 * DAY), later(discoveredAt, 14 * DAY), null],
      ["3", later(discoveredAt, 14 * DAY), later(discoveredAt, 21 * DAY), null],
      ["4", later(discoveredAt, 21 * DAY), later(discoveredAt, 28 * DAY), null],
    ]);
    const rows = async () => (await db().episodeClock.findMany({ where: { episodeId, kind: "SEARCH_REMINDER" }, orderBy: { startedAt: "asc" } })).map((r) => [r.subject, r.startedAt, r.deadline, r.doneAt, r.lateReason, r.ruleHours]);
    expect(await rows()).toEqual(asRows(progress.searchReminders));

    const now = later(discoveredAt, 16 * DAY);
    await addActivity({ at: later(discoveredAt, HOUR) }, { now });
    await addActivity({ at: later(discoveredAt, 15 * DAY) }, { now });
    progress = await progressAt(now);
    expect(progress.searchReminders.map((c) => [c.subject, c.doneAt, c.state])).toEqual([
      ["1", later(discoveredAt, HOUR), "on-time"],
      ["2", later(discoveredAt, 15 * DAY), "late"],
      ["3", later(discoveredAt, 15 * DAY), "on-time"],
      ["4", null, "pending"],
    ]);
    expect(await rows()).toEqual(asRows(progress.searchReminders));
  });

  it("is off by default", async () => {
    await report();
    expect((await progressAt()).searchReminders).toEqual([]);
    expect(await clockRows("SEARCH_REMINDER")).toEqual([]);
  });
});

describe("the search routes", () => {
  beforeEach(() => report());

  const post = async <P,>(handler: Parameters<typeof call<P>>[0], params: P, path: string, who: Actor, body: unknown) =>
    call(handler, params, path, { method: "POST", cookie: await sessionCookie(who.sessionId), headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("record an activity and its lead passed on, and answer refusals with their status and words", async () => {
    const base = `/api/episodes/${episodeId}/search`;
    const added = await post(postActivity, { episodeId }, `${base}/activities`, caseworker, await activityForm({ isLead: true }));
    expect(added.status).toBe(200);
    const { activityId, version } = await added.json();
    expect(version).toBe(await episodeVersion(episodeId));

    const passed = await post(postLeadPassed, { episodeId, activityId }, `${base}/activities/${activityId}/lead-passed`, caseworker, {
      version,
      passedAt: newYorkWall(later(lastSeenAt, 2 * HOUR)),
      passedTo: "Det. Lee",
      lateReason: "",
    });
    expect(passed.status).toBe(200);
    expect((await progressAt()).leads[0]!.clock.state).toBe("on-time");

    const future = await post(postActivity, { episodeId }, `${base}/activities`, caseworker, await activityForm({ at: later(new Date(), 3 * HOUR) }));
    expect(future.status).toBe(422);
    expect((await future.json()).fieldErrors.at).toContain("future");
    expect((await post(postActivity, { episodeId }, `${base}/activities`, admin, await activityForm())).status).toBe(403);
    expect((await post(postActivity, { episodeId }, `${base}/activities`, outsider, await activityForm())).status).toBe(404);

    const ncic = await post(postNcicRecordsSent, { episodeId }, `${base}/ncic-records-sent`, caseworker, { version: await episodeVersion(episodeId), sentAt: newYorkWall(lastSeenAt) });
    expect(ncic.status).toBe(409);
    expect((await ncic.json()).error).toContain("entered the child into NCIC");
    const longTerm = await post(postLongTermItem, { episodeId, item: "FINGERPRINTS" }, `${base}/long-term/FINGERPRINTS`, caseworker, { version: await episodeVersion(episodeId) });
    expect(longTerm.status).toBe(409);
    expect((await post(postLongTermItem, { episodeId, item: "nope" }, `${base}/long-term/nope`, caseworker, { version: await episodeVersion(episodeId) })).status).toBe(404);
    expect(await db().searchActivity.count()).toBe(1);
  });
});
