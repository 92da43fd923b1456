import "server-only";
import { z } from "zod";
import type { Actor } from "@/server/authz/guard";
import { routeHandler, readJson } from "@/server/http/route-handler";

type DebriefUseCase = (actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string }) => Promise<object>;

/** A POST route of the debrief and trafficking forms: the body is the form (with the page's version), handed to the use case. */
export function debriefRoute(useCase: DebriefUseCase) {
  return routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
    const values = await readJson(request, z.unknown());
    return Response.json(await useCase(actor, { episodeId: params.episodeId, values }, { requestId }));
  });
}
