import "server-only";
import { csvRow } from "@/lib/csv";
import type { OnTimeDocument } from "./on-time-report-document";

/**
 * The report as CSV for a spreadsheet: its facts as label/value rows, then each table under its
 * title, a blank row between. csvRow() neutralises any cell a spreadsheet would run as a formula
 * (a late reason typed as "=HYPERLINK(...)" is shown as text).
 */
export function onTimeReportCsv(document: OnTimeDocument): string {
  let csv = csvRow([document.title]);
  for (const fact of document.facts) csv += csvRow(fact);
  for (const table of document.tables) {
    csv += "\r\n" + csvRow([table.title]) + csvRow(table.columns);
    for (const row of table.rows) csv += csvRow(row);
    if (table.rows.length === 0 && table.empty) csv += csvRow([table.empty]);
  }
  return csv;
}
