import { routeHandler } from "@/server/http/route-handler";
import { resetSecondFactor } from "@/server/users/reset-second-factor";

/** POST: the admin removes the person's second factor (every session ends now). */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await resetSecondFactor(actor, params.userId, { requestId })));
