import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { approveClosure } from "@/server/episodes/approve-closure";

/** POST: a supervisor approves the requested closure; the episode closes. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await approveClosure(actor, { episodeId: params.episodeId, values }, { requestId }));
});
