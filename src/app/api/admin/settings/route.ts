import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { updateAgencySettings } from "@/server/agency/update-agency-settings";

/** PUT: the admin saves the agency's settings; the use case parses them with the form's schema. */
export const PUT = routeHandler(async ({ actor, request, requestId }) => {
  const values = await readJson(request, z.unknown());
  return Response.json(await updateAgencySettings(actor, values, { requestId }));
});
