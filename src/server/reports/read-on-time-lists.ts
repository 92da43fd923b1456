import "server-only";
import { Prisma, type ClockKind as ClockKindColumn } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { CLOCK_KINDS, type ClockKind } from "@/domain/clocks";
import { TRAFFICKING_FIGURE_RETURNS, reportClock, type Outcome, type ReportClock, type ReportClockRow, type ReturnRow, type TraffickingFigure } from "@/domain/on-time-rate";
import type { ListCursor } from "@/domain/on-time-drill-down";

/**
 * The on-time report's lists (decision 026): the clocks or the returns behind a figure, a page at a
 * time. Each statement first picks the page's ids from the period's range of the report's index,
 * whose columns hold everything the lists filter on, then reads those rows and their case numbers.
 */

/** The clocks of a period, in the agency, that a list shows. */
export type ClockList = {
  /** A kind, or every kind. */
  kind: ClockKind | "all";
  /** The outcomes listed, or every one. */
  outcomes: readonly Outcome[] | "all";
  /** Only the clocks counted against this caseworker. */
  caseworkerId: string | null;
};

/** The agency and the instants of a period (the end excluded). */
export type Period = { agencyId: string; start: Date; end: Date };
/** A page: after a row, and how many at most (null: all of them, for an export). */
export type ListPage = { after: ListCursor | null; limit: number | null };

/**
 * Each outcome as a condition on the copies a clock row keeps: the statements' side of
 * outcomeOfCopies() (an integration test holds the two together).
 */
const OUTCOME_SQL = (now: Date): Record<Outcome, Prisma.Sql> => ({
  "on-time": Prisma.sql`c."metOnTime" = true`,
  late: Prisma.sql`c."metOnTime" = false`,
  overdue: Prisma.sql`(c."metOnTime" IS NULL AND c."deadline" <= ${now})`,
  running: Prisma.sql`(c."metOnTime" IS NULL AND c."deadline" > ${now})`,
});

const afterCursor = (after: ListCursor | null) => (after ? Prisma.sql`AND (c."startedAt", c."id") > (${after.startedAt}, ${after.id}::uuid)` : Prisma.empty);
const limitOf = (page: ListPage) => (page.limit === null ? Prisma.empty : Prisma.sql`LIMIT ${page.limit + 1}`);

/** The rows a page shows (one more was read to know whether another page follows), and where the next one starts. */
function pageOf<R>(rows: R[], page: ListPage, cursorOf: (row: R) => ListCursor): { shown: R[]; next: ListCursor | null } {
  if (page.limit === null || rows.length <= page.limit) return { shown: rows, next: null };
  const shown = rows.slice(0, page.limit);
  return { shown, next: cursorOf(shown.at(-1)!) };
}

/** One page of a list of clocks, by start; `next` is where the next page starts, null after the last. */
export async function readClockList(tx: Tx, period: Period, list: ClockList, page: ListPage, now: Date): Promise<{ clocks: ReportClock[]; next: ListCursor | null }> {
  const kinds: ClockKindColumn[] = list.kind === "all" ? [...CLOCK_KINDS] : [list.kind];
  const outcomeSql = OUTCOME_SQL(now);
  const outcomes = list.outcomes === "all" ? Prisma.empty : Prisma.sql`AND (${Prisma.join(list.outcomes.map((outcome) => outcomeSql[outcome]), " OR ")})`;
  const caseworker = list.caseworkerId ? Prisma.sql`AND c."creditedCaseworkerId" = ${list.caseworkerId}::uuid` : Prisma.empty;
  const rows = await tx.$queryRaw<(ReportClockRow & { id: string })[]>`
    WITH page AS MATERIALIZED (
      SELECT c."id", c."startedAt" FROM "EpisodeClock" c
       WHERE c."agencyId" = ${period.agencyId}::uuid AND c."kind" = ANY(${kinds}::"ClockKind"[])
         AND c."startedAt" >= ${period.start} AND c."startedAt" < ${period.end}
         ${outcomes} ${caseworker} ${afterCursor(page.after)}
       ORDER BY c."startedAt", c."id" ${limitOf(page)})
    SELECT c."id", c."episodeId", c."kind", c."subject", c."startedAt", c."deadline", c."doneAt", c."lateReason",
           c."creditedCaseworkerId", c."metOnTime", c."metByRefusal", c."returnScreened", c."victimReportedIn24h", ch."agencyCaseNumber" AS "caseNumber"
      FROM page p
      JOIN "EpisodeClock" c ON c."id" = p."id"
      JOIN "Episode" e ON e."id" = c."episodeId" AND e."agencyId" = c."agencyId"
      JOIN "Child" ch ON ch."id" = e."childId" AND ch."agencyId" = e."agencyId"
     ORDER BY p."startedAt", p."id"`;
  const { shown, next } = pageOf(rows, page, (row) => ({ startedAt: row.startedAt, id: row.id }));
  return { clocks: shown.map((row) => reportClock(row, now)), next };
}

/** One page of the children returned in a period that a trafficking figure counts, by return. */
export async function readReturnList(tx: Tx, period: Period, figure: TraffickingFigure, page: ListPage): Promise<{ returns: ReturnRow[]; next: ListCursor | null }> {
  const wanted = TRAFFICKING_FIGURE_RETURNS[figure];
  const conditions = [
    wanted.screened === undefined ? null : Prisma.sql`AND c."returnScreened" = ${wanted.screened}`,
    wanted.victim ? Prisma.sql`AND c."victimReportedIn24h" IS NOT NULL` : null,
    wanted.reportedIn24h === undefined ? null : Prisma.sql`AND c."victimReportedIn24h" = ${wanted.reportedIn24h}`,
  ].filter((condition) => condition !== null);
  const rows = await tx.$queryRaw<{ id: string; episodeId: string; caseNumber: string; recoveredAt: Date; screened: boolean; traffickingStartedAt: Date | null; traffickingDoneAt: Date | null }[]>`
    WITH page AS MATERIALIZED (
      SELECT c."id", c."startedAt" FROM "EpisodeClock" c
       WHERE c."agencyId" = ${period.agencyId}::uuid AND c."kind" = 'DEBRIEF'
         AND c."startedAt" >= ${period.start} AND c."startedAt" < ${period.end}
         ${conditions.length === 0 ? Prisma.empty : Prisma.join(conditions, " ")} ${afterCursor(page.after)}
       ORDER BY c."startedAt", c."id" ${limitOf(page)})
    SELECT c."id", c."episodeId", ch."agencyCaseNumber" AS "caseNumber", c."startedAt" AS "recoveredAt", COALESCE(c."returnScreened", false) AS "screened",
           t."startedAt" AS "traffickingStartedAt", t."doneAt" AS "traffickingDoneAt"
      FROM page p
      JOIN "EpisodeClock" c ON c."id" = p."id"
      JOIN "Episode" e ON e."id" = c."episodeId" AND e."agencyId" = c."agencyId"
      JOIN "Child" ch ON ch."id" = e."childId" AND ch."agencyId" = e."agencyId"
      LEFT JOIN "EpisodeClock" t ON t."episodeId" = c."episodeId" AND t."kind" = 'TRAFFICKING_REPORT' AND t."subject" = ''
     ORDER BY p."startedAt", p."id"`;
  const { shown, next } = pageOf(rows, page, (row) => ({ startedAt: row.recoveredAt, id: row.id }));
  return {
    returns: shown.map((row) => ({
      episodeId: row.episodeId,
      caseNumber: row.caseNumber,
      recoveredAt: row.recoveredAt,
      screened: row.screened,
      traffickingClock: row.traffickingStartedAt ? { startedAt: row.traffickingStartedAt, doneAt: row.traffickingDoneAt } : null,
    })),
    next,
  };
}
