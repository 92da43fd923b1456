import { routeHandler } from "@/server/http/route-handler";
import { removeSecondFactor } from "@/server/auth/manage-second-factor";

/** DELETE: removes the person's own second factor, only where the agency's policy lets them go without. */
export const DELETE = routeHandler(async ({ actor, requestId }) => {
  await removeSecondFactor(actor, { requestId });
  return new Response(null, { status: 204 });
});
