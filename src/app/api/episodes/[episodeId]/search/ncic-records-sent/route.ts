import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordNcicRecordsSent } from "@/server/episodes/record-ncic-records-sent";

/** POST: the records for the NCIC update were sent to law enforcement; the body says when. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordNcicRecordsSent(actor, { episodeId: params.episodeId, values }, { requestId }));
});
