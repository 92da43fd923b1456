import { routeHandler } from "@/server/http/route-handler";
import { resendInvitation } from "@/server/users/resend-invitation";

/** POST: the admin sends a new invitation (e-mailed, or the link to show once). */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await resendInvitation(actor, params.userId, { requestId })));
