import { routeHandler } from "@/server/http/route-handler";
import { sendPasswordReset } from "@/server/users/send-password-reset";

/** POST: the admin issues a password-reset link (e-mailed, or the link to show once). */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await sendPasswordReset(actor, params.userId, { requestId })));
