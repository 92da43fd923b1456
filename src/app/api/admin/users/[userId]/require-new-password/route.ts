import { routeHandler } from "@/server/http/route-handler";
import { requireNewPassword } from "@/server/users/require-new-password";

/** POST: the admin makes the person choose a new password (every session ends now). */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => Response.json(await requireNewPassword(actor, params.userId, { requestId })));
