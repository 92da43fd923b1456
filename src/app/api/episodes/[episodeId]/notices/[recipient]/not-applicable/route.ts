import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { markNoticeNotApplicable } from "@/server/episodes/mark-notice-not-applicable";

/** POST: this notice does not apply to this child; the body is the reason, a note and the `event` (the child missing when left out). */
export const POST = routeHandler<{ episodeId: string; recipient: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await markNoticeNotApplicable(actor, { episodeId: params.episodeId, recipient: params.recipient, values }, { requestId }));
});
