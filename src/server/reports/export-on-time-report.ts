import "server-only";
import { inOneSnapshot } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { federalPeriodCode } from "@/domain/on-time-rate";
import { parseOnTimeReportInput } from "./on-time-report-input";
import { readLateAndMissing, readOnTimeReport, reportCounts } from "./read-on-time-report";
import { agencyScope } from "@/server/authz/agency-scope";
import { onTimeDocument } from "./on-time-report-document";
import { onTimeReportCsv } from "./on-time-report-csv";
import { renderOnTimePdf } from "./render-on-time-pdf";

export const ON_TIME_EXPORT_FORMATS = ["csv", "pdf"] as const;
export type OnTimeExportFormat = (typeof ON_TIME_EXPORT_FORMATS)[number];

/**
 * The on-time report as a file for an auditor (CSV or tagged PDF): the agency, the period, the
 * figures and the late and missing reports by case number, generated at `now` by the actor. The
 * download is audited with its format, period and counts in the transaction that reads it. The file
 * name holds the period only.
 */
export async function exportOnTimeReport(
  actor: Actor,
  input: unknown,
  format: OnTimeExportFormat,
  context: { requestId: string; now?: Date },
): Promise<{ bytes: Uint8Array; contentType: string; filename: string }> {
  assertCan(actor, "dashboard:view");
  const now = context.now ?? new Date();
  const scope = parseOnTimeReportInput(input, { now, timeZone: actor.agency.timeZone });
  const period = scope.period ? federalPeriodCode(scope.period) : null;
  return inOneSnapshot(
    async (tx) => {
      // The file lists every late and missing report (below), not the page's first few late ones.
      const report = await readOnTimeReport(tx, actor, scope, now, null, 0);
      const document = onTimeDocument(report, actor.name, await readLateAndMissing(tx, report, agencyScope(actor).agencyId));
      const bytes = format === "csv" ? new TextEncoder().encode(onTimeReportCsv(document)) : await renderOnTimePdf(document, now);
      await audit(tx, auditWho(actor, context.requestId), "report.on_time_exported", { details: { format, period, ...scope.range, ...reportCounts(report) } });
      return {
        bytes,
        contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/pdf",
        filename: `on-time-report-${period ?? `${scope.range.from}-to-${scope.range.to}`}.${format}`,
      };
    },
    { timeout: 60_000 },
  );
}
