import { routeHandler } from "@/server/http/route-handler";
import { unlockUser } from "@/server/users/unlock-user";

/** POST: the admin ends a user's sign-in lock early; an account that is not locked is left as it is. */
export const POST = routeHandler<{ userId: string }>(async ({ actor, params, requestId }) => {
  await unlockUser(actor, params.userId, { requestId });
  return new Response(null, { status: 204 });
});
