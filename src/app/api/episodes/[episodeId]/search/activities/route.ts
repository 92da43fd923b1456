import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordSearchActivity } from "@/server/episodes/record-search-activity";

/** POST: one thing done to find the child, added to the search log; the body is the activity form. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordSearchActivity(actor, { episodeId: params.episodeId, values }, { requestId }));
});
