import "server-only";
import { inOneSnapshot } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { federalPeriodCode } from "@/domain/on-time-rate";
import type { DrillDown, ListCursor } from "@/domain/on-time-drill-down";
import { parseOnTimeReportInput } from "./on-time-report-input";
import { readOnTimeReport, reportCounts, type OnTimeReport } from "./read-on-time-report";

/**
 * The agency's on-time report for a federal period or a range of days (see
 * parseOnTimeReportInput), for supervisors, with one page of the list behind a figure when one is
 * asked for. Reads one consistent snapshot and audits the view with its period and counts in the
 * same transaction.
 */
export async function getOnTimeReport(
  actor: Actor,
  input: unknown,
  context: { requestId: string; now?: Date },
  asked: { drillDown: DrillDown; after: ListCursor | null } | null = null,
): Promise<OnTimeReport> {
  assertCan(actor, "dashboard:view");
  const now = context.now ?? new Date();
  const scope = parseOnTimeReportInput(input, { now, timeZone: actor.agency.timeZone });
  return inOneSnapshot(
    async (tx) => {
      const report = await readOnTimeReport(tx, actor, scope, now, asked);
      await audit(tx, auditWho(actor, context.requestId), "report.on_time_viewed", {
        details: { period: scope.period ? federalPeriodCode(scope.period) : null, ...scope.range, ...reportCounts(report) },
      });
      return report;
    },
    { timeout: 60_000 },
  );
}
