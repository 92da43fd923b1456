import { routeHandler } from "@/server/http/route-handler";
import { reactivateUser } from "@/server/users/reactivate-user";

/** POST: the admin reactivates a deactivated person. */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await reactivateUser(actor, params.userId, { requestId })));
