import "server-only";
import type { ClockKind as ClockKindColumn } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { CLOCK_KINDS, type ClockKind } from "@/domain/clocks";
import {
  calendarDateText,
  federalPeriodLabel,
  onTimeFigures,
  rangeInstants,
  traffickingFigures,
  type OnTimeFigures,
  type ReportClockFacts,
  type ReturnFacts,
  type TraffickingFigures,
} from "@/domain/on-time-rate";
import type { OnTimeReportScope } from "./on-time-report-input";

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
  trafficking: TraffickingFigures;
  /** The names of the caseworkers the figures count against, by id. */
  caseworkerNames: Record<string, string>;
};

type ClockRow = {
  episodeId: string;
  kind: ClockKindColumn;
  subject: string;
  startedAt: Date;
  deadline: Date;
  doneAt: Date | null;
  lateReason: string | null;
  caseworkerId: string;
  caseNumber: string;
  metByRefusal: boolean;
};

/**
 * Reads the figures of one period of the actor's agency with four queries whatever the number of
 * episodes: the clock rows that started in the period (through the (agencyId, kind, startedAt)
 * index), the assignment history of their episodes, the screens and trafficking clocks of the
 * children returned in the period, and the names of the caseworkers counted against. Voided
 * episodes keep no clock rows; they are also left out by name, should one ever keep any.
 */
export async function readOnTimeReport(tx: Tx, actor: Actor, scope: OnTimeReportScope, now: Date): Promise<OnTimeReport> {
  const { agencyId } = agencyScope(actor);
  const timeZone = actor.agency.timeZone;
  const { start, end } = rangeInstants(scope.range, timeZone);
  const kinds: ClockKindColumn[] = [...CLOCK_KINDS];

  const rows = await tx.$queryRaw<ClockRow[]>`
    SELECT c."episodeId", c."kind", c."subject", c."startedAt", c."deadline", c."doneAt", c."lateReason",
           e."caseworkerId", ch."agencyCaseNumber" AS "caseNumber",
           COALESCE(c."kind" = 'LAW_ENFORCEMENT_REPORT' AND ler."outcome" = 'REFUSED', FALSE) AS "metByRefusal"
      FROM "EpisodeClock" c
      JOIN "Episode" e ON e."id" = c."episodeId" AND e."agencyId" = c."agencyId"
      JOIN "Child" ch ON ch."id" = e."childId" AND ch."agencyId" = e."agencyId"
      LEFT JOIN "LawEnforcementReport" ler ON ler."episodeId" = c."episodeId" AND c."kind" = 'LAW_ENFORCEMENT_REPORT'
     WHERE c."agencyId" = ${agencyId}::uuid
       AND c."kind" = ANY(${kinds}::"ClockKind"[])
       AND c."startedAt" >= ${start} AND c."startedAt" < ${end}
       AND e."voidedAt" IS NULL`;

  const episodeIds = [...new Set(rows.map((row) => row.episodeId))];
  const assignments =
    episodeIds.length === 0
      ? []
      : await tx.$queryRaw<{ episodeId: string; caseworkerId: string; fromAt: Date; untilAt: Date | null }[]>`
          SELECT "episodeId", "caseworkerId", "fromAt", "untilAt" FROM "EpisodeAssignment"
           WHERE "agencyId" = ${agencyId}::uuid AND "episodeId" = ANY(${episodeIds}::uuid[])`;

  const facts = rows.map(
    (row): ReportClockFacts => ({
      episodeId: row.episodeId,
      caseNumber: row.caseNumber,
      kind: row.kind satisfies ClockKind,
      subject: row.subject,
      startedAt: row.startedAt,
      deadline: row.deadline,
      doneAt: row.doneAt,
      lateReason: row.lateReason,
      metByRefusal: row.metByRefusal,
      currentCaseworkerId: row.caseworkerId,
    }),
  );
  const figures = onTimeFigures(facts, assignments, now);

  // The children returned in the period: the debrief clock starts at the recovery.
  const returnedClocks = rows.filter((row) => row.kind === "DEBRIEF");
  const returnedIds = returnedClocks.map((row) => row.episodeId);
  const afterReturn =
    returnedIds.length === 0
      ? []
      : await tx.$queryRaw<{ episodeId: string; screened: boolean; startedAt: Date | null; doneAt: Date | null }[]>`
          SELECT r."episodeId",
                 EXISTS (SELECT 1 FROM "TraffickingScreen" s WHERE s."episodeId" = r."episodeId" AND s."agencyId" = ${agencyId}::uuid) AS "screened",
                 t."startedAt", t."doneAt"
            FROM unnest(${returnedIds}::uuid[]) AS r("episodeId")
            LEFT JOIN "EpisodeClock" t ON t."episodeId" = r."episodeId" AND t."kind" = 'TRAFFICKING_REPORT' AND t."subject" = '' AND t."agencyId" = ${agencyId}::uuid`;
  const returns = returnedClocks.map((row): ReturnFacts => {
    const found = afterReturn.find((entry) => entry.episodeId === row.episodeId);
    return {
      episodeId: row.episodeId,
      caseNumber: row.caseNumber,
      recoveredAt: row.startedAt,
      screened: found?.screened ?? false,
      traffickingClock: found?.startedAt ? { startedAt: found.startedAt, doneAt: found.doneAt } : null,
    };
  });

  const caseworkerIds = [...new Set(figures.clocks.map((clock) => clock.caseworkerId))];
  const people = caseworkerIds.length === 0 ? [] : await tx.user.findMany({ where: { agencyId, id: { in: caseworkerIds } }, select: { id: true, name: true } });

  return {
    ...scope,
    agencyName: actor.agency.name,
    timeZone,
    label: scope.period ? federalPeriodLabel(scope.period) : `${calendarDateText(scope.range.from)} – ${calendarDateText(scope.range.to)}`,
    start,
    end,
    now,
    figures,
    trafficking: traffickingFigures(returns),
    caseworkerNames: Object.fromEntries(people.map((person) => [person.id, person.name])),
  };
}

/** The counts the audit trail keeps of a report: numbers only. */
export function reportCounts(report: OnTimeReport) {
  const { due, onTime, late, overdue, running } = report.figures.total;
  return { due, onTime, late, overdue, running, returned: report.trafficking.counts.returned };
}
