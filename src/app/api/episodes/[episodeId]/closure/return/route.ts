import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { returnClosure } from "@/server/episodes/return-closure";

/** POST: a supervisor returns the requested closure with a comment for the caseworker. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await returnClosure(actor, { episodeId: params.episodeId, values }, { requestId }));
});
