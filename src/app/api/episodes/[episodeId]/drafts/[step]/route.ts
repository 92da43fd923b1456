import { z } from "zod";
import { routeHandler, readJson, ZRecordVersionSchema } from "@/server/http/route-handler";
import { unproxiedRoute } from "@/server/http/unproxied-route";
import { saveEpisodeDraft } from "@/server/episodes/save-episode-draft";

const ZBody = z.object({ baseVersion: ZRecordVersionSchema, values: z.unknown() }).strict();

const handler = routeHandler<{ episodeId: string; step: string }>(async ({ actor, request, params }) => {
  const { baseVersion, values } = await readJson(request, ZBody);
  const result = await saveEpisodeDraft(actor, { episodeId: params.episodeId, step: params.step, baseVersion, values });
  return Response.json(result);
});

// PUT from the autosave timer; POST from navigator.sendBeacon when the page is being left. The
// proxy does not run for this route (src/proxy.ts).
const unproxied = unproxiedRoute(handler);
export { unproxied as PUT, unproxied as POST };
