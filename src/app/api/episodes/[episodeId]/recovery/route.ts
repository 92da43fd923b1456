import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { recordRecovery } from "@/server/episodes/record-recovery";

/** POST: the caseworker records (or corrects) the child's recovery; the body is the recovery form. */
export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await recordRecovery(actor, { episodeId: params.episodeId, values }, { requestId }));
});
