import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { requestReportReview } from "@/server/episodes/request-report-review";

/** POST: the caseworker asks a supervisor to review the submitted report again; the body is the page's version and an optional comment. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await requestReportReview(actor, { episodeId: params.episodeId, values }, { requestId }));
});
