import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { reassignEpisode } from "@/server/episodes/reassign-episode";

/** POST: a supervisor reassigns the open episode; the body is the page's version and the chosen caseworker's id. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await reassignEpisode(actor, { episodeId: params.episodeId, values }, { requestId }));
});
