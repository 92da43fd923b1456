import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { reassignEpisodes } from "@/server/users/reassign-episodes";

/** POST: the admin moves the person's chosen open episodes to another active caseworker. */
export const POST = routeHandler<{ userId: string }>(async ({ actor, request, params, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await reassignEpisodes(actor, params.userId, body, { requestId }));
});
