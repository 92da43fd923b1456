import { routeHandler } from "@/server/http/route-handler";
import { parseAuditFilters } from "@/server/audit/audit-filters";
import { exportAuditEvents } from "@/server/audit/export-audit-events";

/** GET: the audit trail's filtered view as a CSV file (the filters are the page's query string). */
export const GET = routeHandler(async ({ actor, request, requestId }) => {
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const { csv } = await exportAuditEvents(actor, filters, { requestId });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-trail-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
