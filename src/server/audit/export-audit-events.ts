import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { csvRow } from "@/lib/csv";
import { formatInstant } from "@/lib/format-time";
import { audit, auditWho } from "./audit";
import { RECORD_TYPES, recordedFilters, type AuditFilters } from "./audit-filters";
import { readAuditPage, type AuditEventRow } from "./list-audit-events";

/** The most rows one export holds; a larger view is narrowed by its filters (the export says it was cut). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const BATCH = 1000;

const OUTCOME_WORDS: Record<AuditEventRow["outcome"], string> = { SUCCESS: "Done", FAILURE: "Failed", DENIED: "Refused" };
const recordTypeWords = (type: string | null) => (type ? (RECORD_TYPES.find((t) => t.code === type)?.label ?? type) : "");

/**
 * The filtered view of the agency's audit trail as CSV, newest first: words, not codes, and times
 * in the agency's time zone; cells a spreadsheet would run as formulas are neutralised. The export
 * is itself audited, with its filters and size, in the same transaction as it is read.
 */
export async function exportAuditEvents(actor: Actor, filters: AuditFilters, context: { requestId: string }): Promise<{ csv: string; rows: number; truncated: boolean }> {
  assertCan(actor, "audit:view");
  const view: AuditFilters = { ...filters, before: undefined, after: undefined };
  const tz = actor.agency.timeZone;
  return db().$transaction(
    async (tx) => {
      let csv = csvRow(["When", "Who", "What", "Outcome", "Record", "Record id", "Request"]);
      let rows = 0;
      let before: string | undefined;
      let more = true;
      while (more && rows < AUDIT_EXPORT_MAX_ROWS) {
        const page = await readAuditPage(tx, actor, { ...view, before }, Math.min(BATCH, AUDIT_EXPORT_MAX_ROWS - rows));
        for (const event of page.events) {
          csv += csvRow([formatInstant(event.occurredAt, tz), event.actorName ?? "", event.text, OUTCOME_WORDS[event.outcome], recordTypeWords(event.targetType), event.targetId ?? "", event.requestId]);
        }
        rows += page.events.length;
        more = page.more;
        before = page.events.at(-1)?.id;
      }
      await audit(tx, auditWho(actor, context.requestId), "audit.exported", { details: { filters: recordedFilters(filters), rows, truncated: more } });
      return { csv, rows, truncated: more };
    },
    { timeout: 60_000 },
  );
}
