import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { updateUser } from "@/server/users/update-user";

/** PATCH: the admin changes a person's name, e-mail address, roles, team and on-call standing. */
export const PATCH = routeHandler<{ userId: string }>(async ({ actor, request, params, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await updateUser(actor, params.userId, body, { requestId }));
});
