import { routeHandler } from "@/server/http/route-handler";
import { renewSession } from "@/server/auth/session-warning";

/**
 * POST (no body): "Stay signed in" from the warning before the session ends. Renews the session's
 * idle limit and answers what is left of it ({ idleLeftMs, absoluteLeftMs }); 401 once it has ended.
 */
export const POST = routeHandler(async ({ actor, requestId }) => Response.json(await renewSession(actor, { requestId })));
