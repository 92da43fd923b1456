import { z } from "zod";
import { routeHandler, readJson, ZRecordVersionSchema } from "@/server/http/route-handler";
import { submitEpisode } from "@/server/episodes/submit-episode";

const ZBody = z.object({ version: ZRecordVersionSchema }).strict();

export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const { version } = await readJson(request, ZBody);
  return Response.json(await submitEpisode(actor, { episodeId: params.episodeId, version }, { requestId }));
});
