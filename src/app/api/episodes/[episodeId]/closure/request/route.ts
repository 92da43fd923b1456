import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { requestClosure } from "@/server/episodes/request-closure";

/** POST: the caseworker asks for the episode's closure to be signed off; the body is the closure form (comment). */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await requestClosure(actor, { episodeId: params.episodeId, values }, { requestId }));
});
