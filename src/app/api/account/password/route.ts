import { routeHandler } from "@/server/http/route-handler";
import { changePassword } from "@/server/auth/change-password";

/** POST: the person changes their own password (the current one first); their other sessions end. */
export const POST = routeHandler(async ({ actor, request, requestId }) => {
  const body: unknown = await request.json().catch(() => null);
  return Response.json(await changePassword(actor, body, { requestId }));
});
