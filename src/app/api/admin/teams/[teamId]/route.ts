import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { renameTeam } from "@/server/teams/rename-team";
import { deleteTeam } from "@/server/teams/delete-team";

/** PATCH: the admin renames a team. */
export const PATCH = routeHandler<{ teamId: string }>(async ({ actor, request, params, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await renameTeam(actor, params.teamId, body, { requestId }));
});

/** DELETE: the admin removes a team that has no members. */
export const DELETE = routeHandler<{ teamId: string }>(async ({ actor, params, requestId }) => {
  await deleteTeam(actor, params.teamId, { requestId });
  return new Response(null, { status: 204 });
});
