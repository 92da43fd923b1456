import "server-only";
import type { ClockKind as ClockKindColumn } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { CLOCK_KINDS } from "@/domain/clocks";
import {
  calendarDateText,
  federalPeriodLabel,
  onTimeFigures,
  outcomeOfCopies,
  rangeInstants,
  traffickingCounts,
  type OnTimeFigures,
  type ReportClock,
  type ReturnRow,
  type TraffickingFigure,
} from "@/domain/on-time-rate";
import { LIST_PAGE_SIZE, type DrillDown, type ListCursor } from "@/domain/on-time-drill-down";
import type { OnTimeReportScope } from "./on-time-report-input";
import { readClockList, readReturnList, type Period } from "./read-on-time-lists";

/** The list behind a figure that the page shows, one page of it. */
export type OnTimeList =
  | { drillDown: Extract<DrillDown, { type: "clocks" }>; clocks: ReportClock[]; next: ListCursor | null }
  | { drillDown: Extract<DrillDown, { type: "trafficking" }>; returns: ReturnRow[]; next: ListCursor | null };

export type OnTimeReport = OnTimeReportScope & {
  agencyName: string;
  timeZone: string;
  /** "October 2025 – March 2026 (fiscal year 2026, period A)" or "January 1, 2026 – March 31, 2026". */
  label: string;
  /** The instants the period covers, the end excluded. */
  start: Date;
  end: Date;
  /** The moment the figures are worked out for: what is still running is running at this instant. */
  now: Date;
  figures: OnTimeFigures;
  trafficking: Record<TraffickingFigure, number>;
  /** The first clocks met late, for the page's section on late reports (all of them: the list "all:late"). */
  late: ReportClock[];
  /** The list asked for, when one was. */
  list: OnTimeList | null;
  /** The names of the caseworkers the figures and the lists count against, by id. */
  caseworkerNames: Record<string, string>;
};

/** How many late clocks the page shows in its own section before linking to the whole list. */
export const LATE_SHOWN = 20;

/**
 * Reads the figures of one period of the actor's agency, and one page of the list asked for,
 * reading only the period's range of the report's indexes (decision 026): the clocks that started
 * in the period tallied by kind, caseworker and outcome; the children returned in it tallied by
 * screen and trafficking report; the first `lateShown` late clocks (none for 0); the page of the
 * list; the caseworkers' names. Voided episodes keep no clock rows (syncEpisode removes them).
 */
export async function readOnTimeReport(
  tx: Tx,
  actor: Actor,
  scope: OnTimeReportScope,
  now: Date,
  asked: { drillDown: DrillDown; after: ListCursor | null } | null = null,
  lateShown: number = LATE_SHOWN,
): Promise<OnTimeReport> {
  const { agencyId } = agencyScope(actor);
  const timeZone = actor.agency.timeZone;
  const { start, end } = rangeInstants(scope.range, timeZone);
  const period = { agencyId, start, end };
  const kinds: ClockKindColumn[] = [...CLOCK_KINDS];

  const tallies = await tx.$queryRaw<{ kind: ClockKindColumn; caseworkerId: string; metOnTime: boolean | null; deadlineAhead: boolean; metByRefusal: boolean; count: number }[]>`
    SELECT c."kind", c."creditedCaseworkerId" AS "caseworkerId", c."metOnTime", c."deadline" > ${now} AS "deadlineAhead", c."metByRefusal", count(*)::int AS "count"
      FROM "EpisodeClock" c
     WHERE c."agencyId" = ${agencyId}::uuid AND c."kind" = ANY(${kinds}::"ClockKind"[])
       AND c."startedAt" >= ${start} AND c."startedAt" < ${end}
     GROUP BY 1, 2, 3, 4, 5`;
  const figures = onTimeFigures(tallies.map((tally) => ({ kind: tally.kind, caseworkerId: tally.caseworkerId, outcome: outcomeOfCopies(tally), metByRefusal: tally.metByRefusal, count: tally.count })));

  // The children returned in the period: the debrief clock starts at the recovery.
  const returns = await tx.$queryRaw<{ screened: boolean; victimReportedIn24h: boolean | null; count: number }[]>`
    SELECT COALESCE(c."returnScreened", false) AS "screened", c."victimReportedIn24h", count(*)::int AS "count"
      FROM "EpisodeClock" c
     WHERE c."agencyId" = ${agencyId}::uuid AND c."kind" = 'DEBRIEF' AND c."startedAt" >= ${start} AND c."startedAt" < ${end}
     GROUP BY 1, 2`;

  const late = figures.total.late === 0 || lateShown === 0 ? [] : (await readClockList(tx, period, { kind: "all", outcomes: ["late"], caseworkerId: null }, { after: null, limit: lateShown }, now)).clocks;
  const list = asked ? await readList(tx, period, asked, now) : null;

  // Every clock of the period, listed or not, counts against one of the figures' caseworkers.
  const caseworkerIds = figures.byCaseworker.map((entry) => entry.caseworkerId);
  const people = caseworkerIds.length === 0 ? [] : await tx.user.findMany({ where: { agencyId, id: { in: caseworkerIds } }, select: { id: true, name: true } });

  const names = Object.fromEntries(people.map((person) => [person.id, person.name]));
  const byName = (a: { caseworkerId: string }, b: { caseworkerId: string }) => (names[a.caseworkerId] ?? "").localeCompare(names[b.caseworkerId] ?? "") || a.caseworkerId.localeCompare(b.caseworkerId);

  return {
    ...scope,
    agencyName: actor.agency.name,
    timeZone,
    label: scope.period ? federalPeriodLabel(scope.period) : `${calendarDateText(scope.range.from)} – ${calendarDateText(scope.range.to)}`,
    start,
    end,
    now,
    figures: { ...figures, byCaseworker: [...figures.byCaseworker].sort(byName) },
    trafficking: traffickingCounts(returns),
    late,
    list,
    caseworkerNames: names,
  };
}

async function readList(tx: Tx, period: Period, asked: { drillDown: DrillDown; after: ListCursor | null }, now: Date): Promise<OnTimeList> {
  const { drillDown, after } = asked;
  const page = { after, limit: LIST_PAGE_SIZE };
  if (drillDown.type === "trafficking") return { drillDown, ...(await readReturnList(tx, period, drillDown.figure, page)) };
  const outcomes = drillDown.filter === "due" ? "all" : [drillDown.filter];
  return { drillDown, ...(await readClockList(tx, period, { kind: drillDown.kind, outcomes, caseworkerId: drillDown.caseworkerId }, page, now)) };
}

/** Every clock of the report's period met late or overdue, for the exported documents (an export is the whole period). */
export async function readLateAndMissing(tx: Tx, report: OnTimeReport, agencyId: string): Promise<ReportClock[]> {
  return (await readClockList(tx, { agencyId, start: report.start, end: report.end }, { kind: "all", outcomes: ["late", "overdue"], caseworkerId: null }, { after: null, limit: null }, report.now)).clocks;
}

/** The counts the audit trail keeps of a report: numbers only. */
export function reportCounts(report: OnTimeReport) {
  const { due, onTime, late, overdue, running } = report.figures.total;
  return { due, onTime, late, overdue, running, returned: report.trafficking.returned };
}
