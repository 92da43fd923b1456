import { publicFormHandler } from "@/server/auth/sign-in-step-handler";
import { resetPasswordWithLink } from "@/server/auth/reset-password-with-link";

/** POST: a reset link's secret and the new password. Every session of the person ends. */
export const POST = publicFormHandler(async ({ request, requestId }) => {
  const body: unknown = await request.json().catch(() => null);
  await resetPasswordWithLink(body, { requestId });
  return new Response(null, { status: 204 });
});
