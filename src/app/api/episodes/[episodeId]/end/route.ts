import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { endEpisodeWithoutRecovery } from "@/server/episodes/end-episode-without-recovery";

/** POST: the episode ends without a recovery; the body is the reason, when and a note. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await endEpisodeWithoutRecovery(actor, { episodeId: params.episodeId, values }, { requestId }));
});
