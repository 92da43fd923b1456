import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { markLongTermItem } from "@/server/episodes/mark-long-term-item";

/** POST: this item of the long-term missing checklist is done; the body carries the page's version. */
export const POST = routeHandler<{ episodeId: string; item: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await markLongTermItem(actor, { episodeId: params.episodeId, item: params.item, values }, { requestId }));
});
