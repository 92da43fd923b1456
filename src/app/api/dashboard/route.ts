import { currentSessionId, type Actor } from "@/server/authz/actor";
import { UnauthenticatedError } from "@/server/authz/errors";
import { auditRefusal, errorResponse } from "@/server/http/route-handler";
import { currentRequestId } from "@/server/request-id";
import { signedOutReason, unattendedActor } from "@/server/auth/session-warning";
import { listDashboard } from "@/server/dashboard/list-dashboard";
import { dashboardView } from "@/server/dashboard/dashboard-view";
import { parseDashboardSearch } from "@/lib/schemas/dashboard-search";
import type { TDashboardView } from "@/lib/schemas/dashboard-view";

const ROUTE = "GET /api/dashboard";

/**
 * GET /api/dashboard?<the page's filters>: the dashboard again, as the open page asks for it every
 * 30 seconds on its own (src/features/dashboard/live-dashboard.tsx). Nobody did anything, so it is
 * neither activity (the session is checked by the same rules, an idle or expired one refused with
 * 401 and its reason, but not marked as seen) nor audited: the page load was. Refusals are audited.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = await currentRequestId();
  let actor: Actor | null = null;
  let sessionId: string | null = null;
  try {
    sessionId = await currentSessionId();
    actor = await unattendedActor(sessionId, { requestId });
    const filters = parseDashboardSearch(new URL(request.url).searchParams);
    const view: TDashboardView = dashboardView(await listDashboard(actor, filters, { requestId, audit: false }), actor.agency.timeZone);
    return Response.json(view, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      return Response.json({ error: error.message, reason: await signedOutReason(sessionId, error).catch(() => "ended") }, { status: 401 });
    }
    await auditRefusal(error, { requestId, route: ROUTE, actor });
    return errorResponse(error, { requestId, route: ROUTE });
  }
}
