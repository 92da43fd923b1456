import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { startEpisode } from "@/server/episodes/start-episode";

export const POST = routeHandler(async ({ actor, request, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await startEpisode(actor, body, { requestId }), { status: 201 });
});
