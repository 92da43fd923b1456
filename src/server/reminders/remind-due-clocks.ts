import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { claimEffect } from "@/server/jobs/once";
import { logJobEvent } from "@/server/jobs/log-job";
import { notifyUser } from "@/server/notifications/notify-user";
import { REMINDER_KINDS } from "@/server/notifications/notification-kinds";
import { supervisorsOf } from "@/server/teams/supervisors-of";
import { onCallOf } from "@/server/teams/on-call-of";
import { REMINDER_AUDIENCE, reminderDue, reminderSettingsOf, type ReminderSettings, type ReminderThreshold } from "@/domain/clock-reminders";
import type { ClockKind } from "@/domain/clocks";

/** Clocks read per query: a sweep's memory and each statement's time stay the same however many are due. */
const BATCH_SIZE = 200;

/**
 * How long after its escalation a clock is still looked at. A sweep that comes late (the app was
 * down, the queue was stuck) still sends what is due within this; clocks whose escalation is older
 * are never read again, so the unmet clocks of years of episodes cost nothing.
 */
export const CATCH_UP_MS = 24 * 60 * 60 * 1000;

type Candidate = { id: string; episodeId: string; kind: ClockKind; startedAt: Date; deadline: Date; caseworkerId: string };

/** The clock-level claim: one reminder per clock and threshold, whatever the number of sweeps. */
const reminderKey = (clockId: string, threshold: ReminderThreshold) => `reminder:${clockId}:${threshold}`;

/**
 * The sweep: every running clock (not met) of an open episode (neither closed nor voided), in
 * every agency, reminds the people its latest reached threshold is for (src/domain/clock-reminders.ts,
 * with the agency's thresholds as they are now), once. Every kind of clock reminds: each is a
 * deadline someone must meet, and the issue asks for every running clock.
 *
 * Each reminder is one transaction: it claims the clock's threshold (`reminder:<clock>:<threshold>`
 * in JobEffect), tells each person under `reminder:<clock>:<threshold>:<person>` (notifyUser's own
 * claim), and writes one audit event as the system. Two sweeps at once (two instances, or pg-boss
 * running a job again) meet at the claim: the second waits for the first to commit, then finds it
 * taken and tells nobody. `now` is passed in, so tests run the sweep at any instant.
 */
export async function remindDueClocks(context: { requestId: string; now?: Date }): Promise<{ reminders: number; people: number }> {
  const now = context.now ?? new Date();
  const agencies = await db().agency.findMany({
    select: { id: true, reminderFirstPercent: true, reminderSecondPercent: true, escalationMinutes: true },
    orderBy: { id: "asc" },
  });
  let reminders = 0;
  let people = 0;
  for (const agency of agencies) {
    const settings = reminderSettingsOf(agency);
    let after: { deadline: Date; id: string } | null = null;
    for (;;) {
      const batch = await dueClocks(agency.id, settings, now, after);
      for (const clock of batch) {
        const told = await db().$transaction((tx) => remind(tx, agency.id, clock, settings, { requestId: context.requestId, now }));
        if (told !== null) {
          reminders++;
          people += told;
        }
      }
      if (batch.length < BATCH_SIZE) break;
      const last = batch.at(-1)!;
      after = { deadline: last.deadline, id: last.id };
    }
  }
  if (reminders > 0) logJobEvent("info", "reminders.sent", { reminders, people });
  return { reminders, people };
}

/**
 * One agency's clocks that have a reminder to send at `now`, a batch at a time in deadline order.
 *
 * Read through the index on (agencyId, doneAt, deadline): the running clocks (doneAt IS NULL) whose
 * deadline is later than the oldest one that can still need its escalation. That range is the
 * agency's live clocks plus at most a day of overdue ones, however long the agency's history.
 * Within it, a clock whose latest reached threshold is already claimed is left out by one probe of
 * JobEffect's primary key, so a clock reminded at half is not handed back every minute until three
 * quarters: each sweep returns the clocks with something to send, not every running clock.
 *
 * The CASE restates the schedule of reminderSchedule() in SQL only to leave out what needs no
 * reading; remind() decides with reminderDue() itself, so the two cannot send different reminders
 * (at worst a row is read and skipped, or found on the next minute's sweep). Measured with EXPLAIN
 * (ANALYZE, BUFFERS) on 80,000 clocks of 40,000 episodes, 41,696 of them running (most on episodes
 * of past years): an Index Scan on EpisodeClock_agencyId_doneAt_deadline_idx that visits only the
 * 200 clocks of the range, Episode by its primary key, 208 buffers and 0.3 ms for a sweep with
 * nothing left to send; the same data with 3,000 episodes read 74 buffers.
 */
async function dueClocks(agencyId: string, settings: ReminderSettings, now: Date, after: { deadline: Date; id: string } | null): Promise<Candidate[]> {
  const oldest = new Date(now.getTime() - settings.escalateAfterMs - CATCH_UP_MS);
  const escalateAfter = Prisma.sql`${settings.escalateAfterMs} * interval '1 millisecond'`;
  const keyset = after ? Prisma.sql`AND (c."deadline", c."id") > (${after.deadline}, ${after.id}::uuid)` : Prisma.empty;
  return db().$queryRaw<Candidate[]>`
    SELECT c."id", c."episodeId", c."kind"::text AS "kind", c."startedAt", c."deadline", e."caseworkerId"
      FROM "EpisodeClock" c
      JOIN "Episode" e ON e."id" = c."episodeId"
      CROSS JOIN LATERAL (SELECT CASE
        WHEN c."deadline" + ${escalateAfter} <= ${now} THEN 'escalation'
        WHEN c."deadline" <= ${now} THEN 'deadline'
        WHEN c."startedAt" + (c."deadline" - c."startedAt") * ${settings.threeQuartersFraction}::float8 <= ${now} THEN 'three-quarters'
        WHEN c."startedAt" + (c."deadline" - c."startedAt") * ${settings.halfFraction}::float8 <= ${now} THEN 'half'
      END AS "threshold") t
     WHERE c."agencyId" = ${agencyId}::uuid AND c."doneAt" IS NULL AND c."deadline" > ${oldest} ${keyset}
       AND e."closedAt" IS NULL AND e."voidedAt" IS NULL
       AND t."threshold" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "JobEffect" j WHERE j."key" = 'reminder:' || c."id"::text || ':' || t."threshold")
     ORDER BY c."deadline", c."id"
     LIMIT ${BATCH_SIZE}`;
}

/**
 * Sends one clock's reminder, in the caller's transaction; answers how many people were told, or
 * null when there was nothing to send (met or closed since it was read, or already claimed).
 */
async function remind(tx: Tx, agencyId: string, candidate: Candidate, settings: ReminderSettings, context: { requestId: string; now: Date }): Promise<number | null> {
  // Read again: the clock may have been met, or its episode closed, since the batch was read.
  const clock = await tx.episodeClock.findUnique({
    where: { id: candidate.id },
    select: { startedAt: true, deadline: true, doneAt: true, episode: { select: { caseworkerId: true, closedAt: true, voidedAt: true } } },
  });
  if (!clock || clock.episode.closedAt || clock.episode.voidedAt) return null;
  const due = reminderDue(clock, settings, context.now);
  if (!due || !(await claimEffect(tx, reminderKey(candidate.id, due.threshold)))) return null;

  const people = await audienceOf(tx, agencyId, clock.episode.caseworkerId, due.threshold);
  const details = { episodeId: candidate.episodeId, clockId: candidate.id, clockKind: candidate.kind, deadline: clock.deadline.toISOString() };
  for (const userId of people) {
    await notifyUser(tx, { key: `${reminderKey(candidate.id, due.threshold)}:${userId}`, agencyId, userId, kind: REMINDER_KINDS[due.threshold], details });
  }
  await audit(tx, { requestId: context.requestId, userId: null, agencyId }, "reminder.sent", {
    target: { type: "Episode", id: candidate.episodeId },
    details: { clockKind: candidate.kind, threshold: due.threshold, people: people.length },
  });
  return people.length;
}

/**
 * The active people a threshold is for, each once, in the order they are named: the caseworker,
 * their team's supervisors, the on-call list. When the caseworker has no team or their team has no
 * active supervisor, the on-call list takes the supervisors' place at the deadline, so an overdue
 * clock always reaches someone who can act on it.
 */
async function audienceOf(tx: Tx, agencyId: string, caseworkerId: string, threshold: ReminderThreshold): Promise<string[]> {
  const audience = REMINDER_AUDIENCE[threshold];
  const people = new Set<string>();
  if (audience.includes("caseworker")) {
    const caseworker = await tx.user.findFirst({ where: { id: caseworkerId, agencyId, active: true }, select: { id: true } });
    if (caseworker) people.add(caseworker.id);
  }
  let supervisors = 0;
  if (audience.includes("team-supervisors")) {
    for (const supervisor of await supervisorsOf(tx, caseworkerId)) {
      people.add(supervisor.id);
      supervisors++;
    }
  }
  if (audience.includes("on-call") || (audience.includes("team-supervisors") && supervisors === 0)) {
    for (const person of await onCallOf(tx, agencyId)) people.add(person.id);
  }
  return [...people];
}
