import { routeHandler } from "@/server/http/route-handler";
import { recordUpdateSent } from "@/server/episodes/record-update-sent";

/** POST: the caseworker sent the changes made since submission to NCMEC and law enforcement. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, params, requestId }) => {
  return Response.json(await recordUpdateSent(actor, { episodeId: params.episodeId }, { requestId }));
});
