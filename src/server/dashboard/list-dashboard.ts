import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { STAGE_COLUMN, STAGE_OF_COLUMN } from "@/server/episodes/sync-episode";
import { fullName } from "@/domain/episode-facts";
import { CLOCK_KINDS, type ClockKind } from "@/domain/clocks";
import type { EpisodeStage } from "@/domain/episode-progress";
import { DUE_SOON_MS, defaultTeamFilter, flagsOf, urgencyOf, type DashboardFilters, type DashboardRequest, type Flag, type Urgency } from "@/domain/dashboard";

/** Episodes per page: a supervisor on call sees every urgent one on the first page of any ordinary agency. */
export const DASHBOARD_PAGE_SIZE = 50;

export type DashboardClock = { kind: ClockKind; subject: string; deadline: Date };

export type DashboardRow = {
  episodeId: string;
  childName: string;
  ageAtMissing: number | null;
  caseworkerName: string;
  stage: EpisodeStage;
  /** By the earliest running deadline, as of `now`. */
  urgency: Urgency;
  /** Every clock not met yet, the earliest first. */
  clocks: DashboardClock[];
  flags: Flag[];
};

export type Dashboard = {
  /** The filters applied, the default team filter and the page (kept within the pages there are) resolved. */
  filters: DashboardFilters;
  /** The teams the person supervises (what "mine" means), by name. */
  supervisedTeams: { id: string; name: string }[];
  onCall: boolean;
  counts: { open: number; overdue: number; dueSoon: number };
  rows: DashboardRow[];
  pageCount: number;
  now: Date;
};


// What the database answers, checked at the edge: past here only domain types.
const ZCountsRow = z.object({ open: z.bigint(), overdue: z.bigint(), dueSoon: z.bigint() });
const ZEpisodeRow = z.object({
  id: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  caseworkerName: z.string(),
  stage: z.enum(Object.values(STAGE_COLUMN)).transform((column) => STAGE_OF_COLUMN[column]),
  ageAtMissing: z.number().int().nullable(),
  endangered: z.boolean(),
  traffickingConcern: z.boolean(),
  discoveredAt: z.date().nullable(),
  previousDiscoveredAt: z.date().nullable(),
  earliest: z.date().nullable(),
});
const ZClockRow = z.object({ episodeId: z.string(), kind: z.enum(CLOCK_KINDS), subject: z.string(), deadline: z.date() });

/**
 * The episodes the filters select: open (neither signed off nor voided) in the actor's agency, with
 * the earliest deadline of a clock not met yet, kept on the episode's row by syncEpisode()
 * (`nextDeadline`, decision 023). Read through the partial index of open episodes (on agencyId,
 * nextDeadline, discoveredAt, createdAt, id): the counts and a page read the agency's open episodes
 * (its live work, a few hundred at most), never its history or their clocks; the page's children,
 * earlier runs and clocks are read for its own rows.
 */
function filtered(agencyId: string, filters: DashboardFilters, teamIds: string[], now: Date): Prisma.Sql {
  const dueSoonEnd = new Date(now.getTime() + DUE_SOON_MS);
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  // The caseworkers of the teams, read once (an ARRAY() is worked out before the episodes are read):
  // as a join the planner may look up the team's people again for every open episode.
  const ofTeams = (ids: Prisma.Sql) => Prisma.sql`e."caseworkerId" = ANY(ARRAY(SELECT t."id" FROM "User" t WHERE t."agencyId" = ${agencyId}::uuid AND t."teamId" = ANY(${ids})))`;
  if (filters.team === "mine") conditions.push(ofTeams(Prisma.sql`${teamIds}::uuid[]`));
  if (filters.team === "one") conditions.push(ofTeams(Prisma.sql`ARRAY[${filters.teamId}]::uuid[]`));
  if (filters.caseworkerId) conditions.push(Prisma.sql`e."caseworkerId" = ${filters.caseworkerId}::uuid`);
  if (filters.stage) conditions.push(Prisma.sql`e."stage" = ${STAGE_COLUMN[filters.stage]}::"EpisodeStage"`);
  const clock: Record<Urgency, Prisma.Sql> = {
    overdue: Prisma.sql`e."nextDeadline" <= ${now}`,
    "due-soon": Prisma.sql`e."nextDeadline" > ${now} AND e."nextDeadline" <= ${dueSoonEnd}`,
    running: Prisma.sql`e."nextDeadline" > ${dueSoonEnd}`,
    none: Prisma.sql`e."nextDeadline" IS NULL`,
  };
  if (filters.clock) conditions.push(clock[filters.clock]);
  // OFFSET 0 keeps the open episodes a set of their own: without it the planner may start from a
  // team's caseworkers' every episode (their whole history) through (agencyId, caseworkerId).
  return Prisma.sql`
    FROM (
      SELECT o."id", o."childId", o."caseworkerId", o."caseworkerName", o."stage", o."ageAtMissing", o."endangered", o."traffickingConcern",
             o."discoveredAt", o."createdAt", o."nextDeadline"
        FROM "Episode" o
       WHERE o."agencyId" = ${agencyId}::uuid AND o."closedAt" IS NULL AND o."stage" <> 'VOIDED'::"EpisodeStage" AND o."voidedAt" IS NULL
      OFFSET 0
    ) e
    WHERE ${Prisma.join(conditions, " AND ")}`;
}

/**
 * Every open episode of the supervisor's teams, or of the agency, the most urgent first: by the
 * earliest deadline of a clock not met yet, then those with no clock running (the longest missing
 * first). A page of 50 with the counts of the whole filter, in a fixed number of queries whatever
 * the number of episodes. `audit: false` for the page's own refreshes in the background, which
 * must not fill the trail with one event every 30 seconds; the page load itself is audited.
 */
export async function listDashboard(actor: Actor, request: DashboardRequest, context: { requestId: string; now?: Date; audit: boolean }): Promise<Dashboard> {
  assertCan(actor, "dashboard:view");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();

  return db().$transaction(async (tx) => {
    const person = await tx.user.findFirstOrThrow({
      where: scope.where({ id: actor.userId }),
      select: { onCall: true, supervises: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: "asc" } } } },
    });
    const supervisedTeams = person.supervises.map(({ team }) => team);
    const team = request.team ?? defaultTeamFilter({ onCall: person.onCall, supervisedTeams: supervisedTeams.length });
    const base = { ...request, team, teamId: team === "one" ? request.teamId : null };
    const from = filtered(scope.agencyId, base, supervisedTeams.map(({ id }) => id), now);
    const dueSoonEnd = new Date(now.getTime() + DUE_SOON_MS);

    const [countsRow] = await tx.$queryRaw<unknown[]>`
      SELECT count(*) AS "open",
             count(*) FILTER (WHERE e."nextDeadline" <= ${now}) AS "overdue",
             count(*) FILTER (WHERE e."nextDeadline" > ${now} AND e."nextDeadline" <= ${dueSoonEnd}) AS "dueSoon"
      ${from}`;
    const counted = ZCountsRow.parse(countsRow);
    const counts = { open: Number(counted.open), overdue: Number(counted.overdue), dueSoon: Number(counted.dueSoon) };
    const pageCount = Math.max(1, Math.ceil(counts.open / DASHBOARD_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(request.page) || 1), pageCount);

    // The child and the earlier run are looked up for the page's rows only (the caseworker's name is the episode's copy).
    const episodes = z.array(ZEpisodeRow).parse(
      await tx.$queryRaw<unknown[]>`
        SELECT p.*, ch."firstName", ch."middleName", ch."lastName",
               (SELECT max(o."discoveredAt") FROM "Episode" o
                 WHERE o."childId" = p."childId" AND o."id" <> p."id" AND o."voidedAt" IS NULL AND o."discoveredAt" < p."discoveredAt") AS "previousDiscoveredAt"
          FROM (
            SELECT e."id", e."childId", e."caseworkerName", e."stage", e."ageAtMissing", e."endangered", e."traffickingConcern",
                   e."discoveredAt", e."createdAt", e."nextDeadline" AS "earliest"
            ${from}
            ORDER BY e."nextDeadline" ASC NULLS LAST, e."discoveredAt" ASC NULLS LAST, e."createdAt", e."id"
            LIMIT ${DASHBOARD_PAGE_SIZE} OFFSET ${(page - 1) * DASHBOARD_PAGE_SIZE}
          ) p
          JOIN "Child" ch ON ch."id" = p."childId"
         ORDER BY p."earliest" ASC NULLS LAST, p."discoveredAt" ASC NULLS LAST, p."createdAt", p."id"`,
    );

    const ids = episodes.map((episode) => episode.id);
    const clocks =
      ids.length === 0
        ? []
        : z.array(ZClockRow).parse(
            await tx.$queryRaw<unknown[]>`
              SELECT c."episodeId", c."kind", c."subject", c."deadline"
                FROM "EpisodeClock" c
               WHERE c."agencyId" = ${scope.agencyId}::uuid AND c."episodeId" = ANY(${ids}::uuid[]) AND c."doneAt" IS NULL
               ORDER BY c."deadline", c."kind", c."subject"`,
          );

    const rows: DashboardRow[] = episodes.map((episode) => ({
      episodeId: episode.id,
      childName: fullName(episode),
      ageAtMissing: episode.ageAtMissing,
      caseworkerName: episode.caseworkerName,
      stage: episode.stage,
      urgency: urgencyOf(episode.earliest, now),
      clocks: clocks.filter((clock) => clock.episodeId === episode.id).map(({ kind, subject, deadline }) => ({ kind, subject, deadline })),
      flags: flagsOf(episode),
    }));
    const filters: DashboardFilters = { ...base, page };

    if (context.audit) {
      await audit(tx, auditWho(actor, context.requestId), "dashboard.viewed", {
        details: {
          team: filters.team,
          ...(filters.teamId ? { teamId: filters.teamId } : {}),
          ...(filters.caseworkerId ? { caseworkerId: filters.caseworkerId } : {}),
          ...(filters.stage ? { stage: filters.stage } : {}),
          ...(filters.clock ? { clock: filters.clock } : {}),
          page,
          results: rows.length,
          ...counts,
        },
      });
    }
    return { filters, supervisedTeams, onCall: person.onCall, counts, rows, pageCount, now };
  });
}
