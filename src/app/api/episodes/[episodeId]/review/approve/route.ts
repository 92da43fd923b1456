import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { approveReport } from "@/server/episodes/approve-report";

/** POST: a supervisor approves the report waiting for review; the body is the page's version and an optional comment. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await approveReport(actor, { episodeId: params.episodeId, values }, { requestId }));
});
