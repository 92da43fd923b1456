import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { reopenEpisode } from "@/server/episodes/reopen-episode";

/** POST: a supervisor reopens a closed episode with a reason. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await reopenEpisode(actor, { episodeId: params.episodeId, values }, { requestId }));
});
