import { publicFormHandler } from "@/server/auth/sign-in-step-handler";
import { checkInvitation } from "@/server/auth/accept-invitation";

/** POST: the invitation link's secret and the chosen password; answers the second factor's set-up. Nothing is stored. */
export const POST = publicFormHandler(async ({ request, requestId }) => {
  const body: unknown = await request.json().catch(() => null);
  return Response.json(await checkInvitation(body, { requestId }), { headers: { "Cache-Control": "no-store" } });
});
