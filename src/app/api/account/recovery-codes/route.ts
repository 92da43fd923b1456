import { routeHandler } from "@/server/http/route-handler";
import { regenerateRecoveryCodes } from "@/server/auth/manage-second-factor";

/** POST: ten new recovery codes, shown once; the old ones stop working. */
export const POST = routeHandler(async ({ actor, requestId }) =>
  Response.json(await regenerateRecoveryCodes(actor, { requestId }), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
