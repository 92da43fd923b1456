import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { setOnCallList } from "@/server/teams/set-on-call-list";

/** PUT: the admin sets the agency's on-call list ({ userIds }). */
export const PUT = routeHandler(async ({ actor, request, requestId }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await setOnCallList(actor, body, { requestId }));
});
