import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { voidEpisode } from "@/server/episodes/void-episode";

/** POST: a supervisor voids an episode entered in error, with a reason. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await voidEpisode(actor, { episodeId: params.episodeId, values }, { requestId }));
});
