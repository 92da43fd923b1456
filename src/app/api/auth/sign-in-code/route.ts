import { signInStepHandler } from "@/server/auth/sign-in-step-handler";
import { giveSignInCode } from "@/server/auth/give-sign-in-code";
import { limitSignInAttempts } from "@/server/auth/limit-sign-in-attempts";
import { clientAddressKey } from "@/server/rate-limit/client-address";
import { readJson } from "@/server/http/route-handler";
import { ZSignInCodeSchema } from "@/lib/schemas/account";
import { env } from "@/config/env";

/** POST: the second step of signing in, a code from the authenticator app or a recovery code. Limited like sign-in. */
export const POST = signInStepHandler(async ({ session, request, requestId }) => {
  await limitSignInAttempts(clientAddressKey(request.headers, env().NEXTAUTH_SECRET ?? ""), { requestId });
  await giveSignInCode(session, await readJson(request, ZSignInCodeSchema), { requestId });
  return new Response(null, { status: 204 });
});
