import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordLeadPassed } from "@/server/episodes/record-lead-passed";

/** POST: this lead from the search was passed to law enforcement (or that record corrected); the body is the form. */
export const POST = routeHandler<{ episodeId: string; activityId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordLeadPassed(actor, { episodeId: params.episodeId, activityId: params.activityId, values }, { requestId }));
});
