import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { inviteUser } from "@/server/users/invite-user";

/** POST: the admin invites a person; the answer says whether it was e-mailed or holds the link to show once. */
export const POST = routeHandler(async ({ actor, request, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await inviteUser(actor, body, { requestId }), { status: 201 });
});
