import { routeHandler } from "@/server/http/route-handler";
import { deactivateUser } from "@/server/users/deactivate-user";

/** POST: the admin deactivates a person (every session ends now). */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await deactivateUser(actor, params.userId, { requestId })));
