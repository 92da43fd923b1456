import { signInStepHandler } from "@/server/auth/sign-in-step-handler";
import { chooseRequiredPassword } from "@/server/auth/choose-required-password";

/** POST: the new password an admin asked for, before anything else. */
export const POST = signInStepHandler(async ({ session, request, requestId }) => {
  const body: unknown = await request.json().catch(() => null);
  await chooseRequiredPassword(session, body, { requestId });
  return new Response(null, { status: 204 });
});
