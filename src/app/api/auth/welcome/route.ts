import { publicFormHandler } from "@/server/auth/sign-in-step-handler";
import { acceptInvitation } from "@/server/auth/accept-invitation";

/** POST: accepts an invitation: the password and the confirmed second factor; answers the recovery codes, once. */
export const POST = publicFormHandler(async ({ request, requestId }) => {
  const body: unknown = await request.json().catch(() => null);
  return Response.json(await acceptInvitation(body, { requestId }), { status: 201, headers: { "Cache-Control": "no-store" } });
});
