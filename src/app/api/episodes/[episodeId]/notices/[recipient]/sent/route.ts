import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordNoticeSent } from "@/server/episodes/record-notice-sent";

/** POST: the caseworker told this person the child is missing; the body is the notice form. */
export const POST = routeHandler<{ episodeId: string; recipient: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordNoticeSent(actor, { episodeId: params.episodeId, recipient: params.recipient, values }, { requestId }));
});
