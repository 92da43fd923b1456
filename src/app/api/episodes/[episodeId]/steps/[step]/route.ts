import { z } from "zod";
import { routeHandler, readJson, ZRecordVersionSchema } from "@/server/http/route-handler";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";

const ZBody = z.object({ version: ZRecordVersionSchema, values: z.unknown() }).strict();

export const PUT = routeHandler<{ episodeId: string; step: string }>(async ({ actor, request, params, requestId }) => {
  const { version, values } = await readJson(request, ZBody);
  return Response.json(await saveEpisodeStep(actor, { episodeId: params.episodeId, step: params.step, version, values }, { requestId }));
});
