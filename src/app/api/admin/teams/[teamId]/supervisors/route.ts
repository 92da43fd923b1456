import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { setTeamSupervisors } from "@/server/teams/set-team-supervisors";

/** PUT: the admin sets a team's supervisors ({ userIds }). */
export const PUT = routeHandler<{ teamId: string }>(async ({ actor, request, params, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await setTeamSupervisors(actor, params.teamId, body, { requestId }));
});
