import { routeHandler } from "@/server/http/route-handler";
import { endOtherSessions } from "@/server/auth/end-other-sessions";

/** POST: signs the person out of every other browser. */
export const POST = routeHandler(async ({ actor, requestId }) => Response.json(await endOtherSessions(actor, { requestId })));
