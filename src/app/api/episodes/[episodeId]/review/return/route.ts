import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { returnReport } from "@/server/episodes/return-report";

/** POST: a supervisor returns the report waiting for review with a comment for the caseworker. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await returnReport(actor, { episodeId: params.episodeId, values }, { requestId }));
});
