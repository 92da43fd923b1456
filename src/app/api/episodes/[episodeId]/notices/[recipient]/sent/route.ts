import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordNoticeSent } from "@/server/episodes/record-notice-sent";

/**
 * POST: the caseworker gave this person a notice; the body is the notice form. Its `event` says which
 * (the child missing when left out, as this URL always meant; returned; a report to cancel).
 */
export const POST = routeHandler<{ episodeId: string; recipient: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordNoticeSent(actor, { episodeId: params.episodeId, recipient: params.recipient, values }, { requestId }));
});
