import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { createTeam } from "@/server/teams/create-team";

/** POST: the admin adds a team. */
export const POST = routeHandler(async ({ actor, request, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await createTeam(actor, body, { requestId }), { status: 201 });
});
