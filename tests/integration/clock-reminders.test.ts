// The reminders of running clocks (issue 14): the sweep called with `now` at chosen instants, two
// sweeps at once, two app instances running the queue, and the e-mails as a real SMTP server gets them.
import nodemailer from "nodemailer";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launcherEnv, publicOrigin } from "@/config/env";
import { db } from "@/server/db";
import { remindDueClocks } from "@/server/reminders/remind-due-clocks";
import { startJobWorker, type RunningWorker } from "@/server/jobs/job-queue";
import { JOB_HANDLERS } from "@/server/jobs/registry";
import { QUEUES } from "@/server/jobs/queues";
import { deliverOutbox } from "@/server/mail/deliver-outbox";
import { smtpTransportOptions } from "@/server/mail/transport";
import { CLOCK_KINDS, deadlineAfter, type ClockKind } from "@/domain/clocks";
import type { Role } from "@/generated/prisma/client";
import { listNotifications, NOTIFICATION_PAGE_SIZE } from "@/server/notifications/list-notifications";
import { markNotificationRead } from "@/server/notifications/mark-notification-read";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";
import { resolveSession } from "@/server/auth/sessions";
import { NotFoundError } from "@/server/authz/errors";
import { makeAgency, makeUser, resetDatabase, signInAs } from "./support";
import { bodyOf, headerOf, startSmtpServer } from "./smtp-test-server";

/** The header's count of unread notices, as the person's next request reads it with their session. */
const unreadCount = async (actor: { sessionId: string }) => (await resolveSession(actor.sessionId, { requestId: randomUUID() })).unreadNotifications;

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
// A Monday in winter, so the agency's zone (New York) is on EST.
const T0 = new Date("2026-12-07T15:00:00.000Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const sweep = (now: Date) => remindDueClocks({ requestId: randomUUID(), now });

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const smtpBefore = process.env.SMTP_URL;
let agencyId: string;
let people: Record<"caseworker" | "supervisor" | "otherSupervisor" | "onCall" | "loner", string>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Before the first read of the configuration: reminders are e-mailed to this test's server.
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  await smtp.close();
  if (smtpBefore === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = smtpBefore;
});

async function person(role: Role, teamId: string | null, extra: { onCall?: boolean } = {}) {
  const user = await makeUser(agencyId, role);
  await db().user.update({ where: { id: user.id }, data: { teamId, onCall: extra.onCall ?? false } });
  return user.id;
}

beforeEach(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect"`);
  smtp.received.length = 0;
  agencyId = (await makeAgency("Demo County", "America/New_York")).id;
  const team = await db().team.create({ data: { agencyId, name: "Unit 1" } });
  const otherTeam = await db().team.create({ data: { agencyId, name: "Unit 2" } });
  people = {
    caseworker: await person("CASEWORKER", team.id),
    supervisor: await person("SUPERVISOR", null),
    otherSupervisor: await person("SUPERVISOR", null),
    onCall: await person("SUPERVISOR", null, { onCall: true }),
    // A caseworker of no team: their overdue clocks go to the on-call list.
    loner: await person("CASEWORKER", null),
  };
  await db().teamSupervisor.createMany({ data: [
      { teamId: team.id, userId: people.supervisor },
      { teamId: otherTeam.id, userId: people.otherSupervisor },
    ] });
});

/** An episode of a child named Jordan Rivera with one running clock per kind given, started at `startedAt`. */
async function episodeWith(options: { startedAt: Date; hours?: number; kinds?: ClockKind[]; caseworkerId?: string; inAgency?: string }) {
  const agency = options.inAgency ?? agencyId;
  const child = await db().child.create({
    data: { agencyId: agency, firstName: "Jordan", lastName: "Rivera", dateOfBirth: new Date("2011-05-14"), agencyCaseNumber: "DC-4471", underAgencyGuardianship: true, profile: {} },
  });
  const episode = await db().episode.create({
    data: { agencyId: agency, childId: child.id, caseworkerId: options.caseworkerId ?? people.caseworker, completedSteps: [], discoveredAt: options.startedAt },
  });
  const hours = options.hours ?? 24;
  const clocks = [];
  for (const kind of options.kinds ?? ["LAW_ENFORCEMENT_REPORT"]) {
    clocks.push(
      await db().episodeClock.create({
        data: { agencyId: agency, episodeId: episode.id, kind, startedAt: options.startedAt, ruleHours: hours, deadline: deadlineAfter(options.startedAt, hours), creditedCaseworkerId: episode.caseworkerId },
      }),
    );
  }
  return { episodeId: episode.id, clockId: clocks[0]!.id, clocks };
}

/** Who was told what, as "<person>:<kind>", in a stable order. */
async function told(): Promise<string[]> {
  const names = Object.fromEntries(Object.entries(people).map(([name, id]) => [id, name]));
  const rows = await db().notification.findMany({ select: { userId: true, kind: true } });
  return rows.map((row) => `${names[row.userId] ?? row.userId}:${row.kind}`).sort();
}

async function reminderEvents() {
  return db().auditEvent.findMany({ where: { action: "reminder.sent" }, orderBy: { id: "asc" } });
}

describe("the reminder sweep", () => {
  it("reminds the caseworker at half and three quarters, adds the team's supervisors at the deadline and the on-call list at the escalation", async () => {
    const { episodeId, clockId } = await episodeWith({ startedAt: T0 });

    expect(await sweep(at(11.99))).toEqual({ reminders: 0, people: 0 });
    expect(await told()).toEqual([]);

    expect(await sweep(at(12))).toEqual({ reminders: 1, people: 1 });
    expect(await told()).toEqual(["caseworker:reminder.half"]);
    // A minute later, nothing new.
    expect(await sweep(new Date(at(12).getTime() + MINUTE))).toEqual({ reminders: 0, people: 0 });

    await sweep(at(18));
    expect(await told()).toEqual(["caseworker:reminder.half", "caseworker:reminder.three_quarters"]);

    await sweep(at(23.99));
    await sweep(at(24));
    expect(await told()).toEqual(["caseworker:reminder.deadline", "caseworker:reminder.half", "caseworker:reminder.three_quarters", "supervisor:reminder.deadline"]);

    await sweep(at(25.99));
    expect(await sweep(at(26))).toEqual({ reminders: 1, people: 3 });
    expect(await told()).toEqual([
      "caseworker:reminder.deadline",
      "caseworker:reminder.escalation",
      "caseworker:reminder.half",
      "caseworker:reminder.three_quarters",
      "onCall:reminder.escalation",
      "supervisor:reminder.deadline",
      "supervisor:reminder.escalation",
    ]);
    // Every later sweep finds nothing more to say about this clock.
    for (const hours of [27, 40, 60]) expect(await sweep(at(hours))).toEqual({ reminders: 0, people: 0 });

    const events = await reminderEvents();
    expect(events.map((e) => e.details)).toEqual([
      { clockKind: "LAW_ENFORCEMENT_REPORT", threshold: "half", people: 1 },
      { clockKind: "LAW_ENFORCEMENT_REPORT", threshold: "three-quarters", people: 1 },
      { clockKind: "LAW_ENFORCEMENT_REPORT", threshold: "deadline", people: 2 },
      { clockKind: "LAW_ENFORCEMENT_REPORT", threshold: "escalation", people: 3 },
    ]);
    for (const event of events) expect(event).toMatchObject({ actorUserId: null, agencyId, targetType: "Episode", targetId: episodeId, outcome: "SUCCESS" });
    // The notification keeps ids, a code and an instant: the words are built when it is shown.
    const notice = await db().notification.findFirstOrThrow({ where: { userId: people.onCall } });
    expect(notice.details).toEqual({ episodeId, clockId, clockKind: "LAW_ENFORCEMENT_REPORT", deadline: at(24).toISOString() });
  });

  it("sends only the latest threshold of a clock that starts with some behind it", async () => {
    await episodeWith({ startedAt: at(-20) });
    await sweep(T0);
    expect(await told()).toEqual(["caseworker:reminder.three_quarters"]);

    await resetDatabase();
    await db().$executeRawUnsafe(`TRUNCATE "JobEffect"`);
    agencyId = (await makeAgency()).id;
    people.caseworker = await person("CASEWORKER", null);
    people.onCall = await person("SUPERVISOR", null, { onCall: true });
    // Discovered 30 hours ago: the deadline passed 6 hours ago, the escalation 4.
    await episodeWith({ startedAt: at(-30) });
    expect(await sweep(T0)).toEqual({ reminders: 1, people: 2 });
    expect(await told()).toEqual(["caseworker:reminder.escalation", "onCall:reminder.escalation"]);
    expect((await reminderEvents()).map((e) => (e.details as { threshold: string }).threshold)).toEqual(["escalation"]);
  });

  it("sends nothing for a met clock, a closed or voided episode, or a clock whose escalation is more than a day old", async () => {
    const met = await episodeWith({ startedAt: at(-23) });
    await db().episodeClock.update({ where: { id: met.clockId }, data: { doneAt: at(-22) } });
    const closed = await episodeWith({ startedAt: at(-23) });
    await db().episode.update({ where: { id: closed.episodeId }, data: { closedAt: at(-1) } });
    const voided = await episodeWith({ startedAt: at(-23) });
    await db().episode.update({ where: { id: voided.episodeId }, data: { voidedAt: at(-1) } });
    // Escalated 24 hours and a minute ago (deadline 26 hours and a minute ago): past the catch-up window.
    await episodeWith({ startedAt: new Date(at(-50).getTime() - MINUTE) });

    expect(await sweep(T0)).toEqual({ reminders: 0, people: 0 });
    expect(await told()).toEqual([]);
    expect(await reminderEvents()).toEqual([]);
  });

  it("cancels the rest of a clock's reminders when it is met after the first", async () => {
    const { clockId } = await episodeWith({ startedAt: T0 });
    await sweep(at(13));
    await db().episodeClock.update({ where: { id: clockId }, data: { doneAt: at(14) } });
    for (const hours of [18, 24, 26]) await sweep(at(hours));
    expect(await told()).toEqual(["caseworker:reminder.half"]);
  });

  it("tells no inactive person, and the on-call list at the deadline when the caseworker has no team's supervisor", async () => {
    await db().user.update({ where: { id: people.caseworker }, data: { active: false } });
    await episodeWith({ startedAt: T0 });
    await episodeWith({ startedAt: T0, caseworkerId: people.loner });
    await sweep(at(12));
    // The inactive caseworker is not told; the reminder is still recorded, as having reached nobody.
    expect(await told()).toEqual(["loner:reminder.half"]);
    expect((await reminderEvents()).map((e) => (e.details as { people: number }).people).sort()).toEqual([0, 1]);

    await sweep(at(24));
    expect(await told()).toEqual(["loner:reminder.deadline", "loner:reminder.half", "onCall:reminder.deadline", "supervisor:reminder.deadline"]);
  });

  it("uses the agency's own thresholds", async () => {
    await db().agency.update({ where: { id: agencyId }, data: { reminderFirstPercent: 40, reminderSecondPercent: 90, escalationMinutes: 30 } });
    await episodeWith({ startedAt: T0 });
    await sweep(at(9.5));
    expect(await told()).toEqual([]);
    await sweep(at(9.6));
    expect(await told()).toEqual(["caseworker:reminder.half"]);
    await sweep(at(21.5));
    expect(await told()).toHaveLength(1);
    await sweep(at(21.6));
    expect(await told()).toContain("caseworker:reminder.three_quarters");
    await sweep(at(24.5));
    expect(await told()).toContain("onCall:reminder.escalation");
  });

  it("reminds every agency's clocks with each agency's people only", async () => {
    const other = await makeAgency("Other County", "America/Chicago");
    const stranger = await makeUser(other.id, "CASEWORKER");
    const strangerOnCall = await makeUser(other.id, "SUPERVISOR");
    await db().user.update({ where: { id: strangerOnCall.id }, data: { onCall: true } });
    await episodeWith({ startedAt: at(-26) });
    await episodeWith({ startedAt: at(-26), inAgency: other.id, caseworkerId: stranger.id });
    expect(await sweep(T0)).toEqual({ reminders: 2, people: 5 });
    const rows = await db().notification.findMany({ select: { userId: true, agencyId: true } });
    for (const row of rows) expect(row.agencyId).toBe(row.userId === stranger.id || row.userId === strangerOnCall.id ? other.id : agencyId);
    expect(rows.filter((row) => row.agencyId === other.id)).toHaveLength(2);
  });

  it("tells each person once when two sweeps run at the same time", async () => {
    for (let i = 0; i < 5; i++) await episodeWith({ startedAt: at(-26) });
    const results = await Promise.all([sweep(T0), sweep(T0), sweep(T0)]);
    expect(results.reduce((sum, r) => sum + r.reminders, 0)).toBe(5);
    expect(results.reduce((sum, r) => sum + r.people, 0)).toBe(15);
    expect(await db().notification.count()).toBe(15);
    expect(await reminderEvents()).toHaveLength(5);
    expect(await db().outboxEmail.count()).toBe(15);
  });

  it("reads past a full batch: every due clock is reminded in one sweep", async () => {
    const { clocks } = await episodeWith({ startedAt: at(-13), kinds: [...CLOCK_KINDS] });
    for (let i = 0; i < 21; i++) await episodeWith({ startedAt: at(-13), kinds: [...CLOCK_KINDS] });
    expect(clocks).toHaveLength(CLOCK_KINDS.length);
    // 22 episodes × 10 clocks = 220 clocks due: more than one batch of 200.
    expect(await sweep(T0)).toEqual({ reminders: 220, people: 220 });
    expect(await sweep(T0)).toEqual({ reminders: 0, people: 0 });
  });
});

describe("reminder e-mails", () => {
  it("say what is due and when in the agency's time zone, link to sign in, and never name the child or trafficking", async () => {
    const { clocks } = await episodeWith({ startedAt: at(-26), kinds: [...CLOCK_KINDS] });
    await sweep(T0);
    const server = nodemailer.createTransport(smtpTransportOptions(smtp.url));
    await deliverOutbox(server, { from: "Homeward <no-reply@homeward.test>" });
    // Ten clocks, escalated to the caseworker, the supervisor and the on-call list.
    expect(smtp.received).toHaveLength(CLOCK_KINDS.length * 3);
    for (const email of smtp.received) {
      const all = `${headerOf(email.raw, "Subject")}\n${bodyOf(email.raw)}`;
      expect(all).not.toMatch(/Jordan|Rivera|DC-4471|2011|traffick/i);
      for (const clock of clocks) expect(all).not.toContain(clock.episodeId);
      expect(all).toContain("Dec 7, 2026, 8:00 AM EST");
      expect(bodyOf(email.raw)).toContain(`Sign in to Homeward to read your notifications: ${publicOrigin()}/notifications`);
    }
    const subjects = smtp.received.map((email) => headerOf(email.raw, "Subject"));
    expect(subjects).toContain("Still overdue: the report to law enforcement");
    expect(subjects).toContain("Still overdue: the report to NCMEC");
    // The trafficking report is "a report to law enforcement".
    expect(subjects.filter((subject) => subject === "Still overdue: a report to law enforcement")).toHaveLength(3);
    expect(bodyOf(smtp.received.find((e) => headerOf(e.raw, "Subject") === "Still overdue: the report to NCMEC")!.raw)).toContain(
      "The report to NCMEC on an open case was due at Dec 7, 2026, 8:00 AM EST and is still not recorded as done.",
    );
  });
});

describe("the person's notifications", () => {
  const asPerson = async (id: string) => signInAs(await db().user.findUniqueOrThrow({ where: { id } }));

  it("lists their own, newest first, in words with the deadline in the agency's zone and a link to the episode; audited", async () => {
    const { episodeId } = await episodeWith({ startedAt: T0, kinds: ["NCMEC_REPORT"] });
    await sweep(at(12));
    await sweep(at(24));
    const caseworker = await asPerson(people.caseworker);
    const list = await listNotifications(caseworker, { page: 1 }, { requestId: randomUUID() });
    expect(list).toMatchObject({ total: 2, unread: 2, page: 1, pageCount: 1 });
    expect(list.rows.map((row) => [row.title, row.episodeId, row.readAt])).toEqual([
      ["Overdue: the report to NCMEC", episodeId, null],
      ["Due by Dec 8, 2026, 10:00 AM EST: the report to NCMEC", episodeId, null],
    ]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "notifications.listed" } });
    expect(event).toMatchObject({ actorUserId: people.caseworker, agencyId, details: { page: 1, results: 2, unread: 2 } });
    // The supervisor sees their one; the on-call list none.
    expect((await listNotifications(await asPerson(people.supervisor), { page: 1 }, { requestId: randomUUID() })).total).toBe(1);
    expect((await listNotifications(await asPerson(people.onCall), { page: 1 }, { requestId: randomUUID() })).rows).toEqual([]);
  });

  it("pages through them", async () => {
    for (let i = 0; i < NOTIFICATION_PAGE_SIZE + 3; i++) await episodeWith({ startedAt: at(-13) });
    await sweep(T0);
    const caseworker = await asPerson(people.caseworker);
    const second = await listNotifications(caseworker, { page: 2 }, { requestId: randomUUID() });
    expect(second).toMatchObject({ total: NOTIFICATION_PAGE_SIZE + 3, page: 2, pageCount: 2 });
    expect(second.rows).toHaveLength(3);
    expect((await listNotifications(caseworker, { page: 99 }, { requestId: randomUUID() })).page).toBe(2);
  });

  it("marks one as read, only their own, and all as read; each audited", async () => {
    await episodeWith({ startedAt: at(-26) });
    await episodeWith({ startedAt: at(-26) });
    await sweep(T0);
    const caseworker = await asPerson(people.caseworker);
    const supervisor = await asPerson(people.supervisor);
    const [first] = (await listNotifications(caseworker, { page: 1 }, { requestId: randomUUID() })).rows;
    await expect(markNotificationRead(supervisor, { notificationId: first!.id }, { requestId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(markNotificationRead(supervisor, { notificationId: "not-an-id" }, { requestId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await unreadCount(caseworker)).toBe(2);

    expect(await markNotificationRead(caseworker, { notificationId: first!.id }, { requestId: randomUUID() })).toEqual({ count: 1 });
    expect(await markNotificationRead(caseworker, { notificationId: first!.id }, { requestId: randomUUID() })).toEqual({ count: 0 });
    expect(await unreadCount(caseworker)).toBe(1);
    expect(await unreadCount(supervisor)).toBe(2);
    const after = await listNotifications(caseworker, { page: 1 }, { requestId: randomUUID() });
    expect(after.rows.find((row) => row.id === first!.id)!.readAt).toBeInstanceOf(Date);

    expect(await markNotificationsRead(supervisor, { requestId: randomUUID() })).toEqual({ count: 2 });
    expect(await unreadCount(supervisor)).toBe(0);
    expect(await unreadCount(caseworker)).toBe(1);
    const reads = await db().auditEvent.findMany({ where: { action: "notifications.read" }, orderBy: { id: "asc" } });
    expect(reads.map((e) => [e.actorUserId, e.details])).toEqual([
      [people.caseworker, { count: 1 }],
      [people.supervisor, { count: 2 }],
    ]);
  });
});

const appUrl = launcherEnv().TEST_APP_DATABASE_URL;

describe.skipIf(!appUrl)("two app instances running the queue", () => {
  let workers: RunningWorker[] = [];

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
  });

  it("send one reminder per person however many sweeps they run", async () => {
    await db().$executeRawUnsafe(`DELETE FROM "pgboss"."job" WHERE "name" = '${QUEUES.remindDueClocks.name}'`);
    // Real time here: the workers sweep at the instant they run. Three quarters of the clock are behind it.
    const { episodeId } = await episodeWith({ startedAt: new Date(Date.now() - 20 * HOUR) });
    const handler = { [QUEUES.remindDueClocks.name]: JOB_HANDLERS[QUEUES.remindDueClocks.name] };
    workers = await Promise.all([startJobWorker(appUrl!, handler, { pollingIntervalSeconds: 0.5 }), startJobWorker(appUrl!, handler, { pollingIntervalSeconds: 0.5 })]);
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await workers[i % 2]!.boss.send(QUEUES.remindDueClocks.name, {}));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await db().$queryRaw<{ done: number }[]>`
        SELECT count(*)::int AS "done" FROM "pgboss"."job" WHERE "name" = ${QUEUES.remindDueClocks.name} AND "id" = ANY(${sent}::uuid[]) AND "state" = 'completed'`;
      if (row!.done === sent.length) break;
      if (Date.now() > deadline) throw new Error(`only ${row!.done} of ${sent.length} sweeps completed`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await told()).toEqual(["caseworker:reminder.three_quarters"]);
    const events = await reminderEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetId: episodeId, actorUserId: null, requestId: expect.stringMatching(/^job:/) });
  });
});
