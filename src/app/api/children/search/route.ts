import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { searchChildren } from "@/server/children/search-children";
import type { TChildSearchAnswer } from "@/lib/schemas/child-search";

// POST, not GET: names and dates of birth must not appear in URLs or access logs.
export const POST = routeHandler(async ({ actor, request, requestId }) => {
  const body = await readJson(request, z.unknown());
  const answer: TChildSearchAnswer = { children: await searchChildren(actor, body, { requestId }) };
  return Response.json(answer);
});
