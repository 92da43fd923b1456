import { signInStepHandler } from "@/server/auth/sign-in-step-handler";
import { confirmSecondFactor } from "@/server/auth/confirm-second-factor";
import { readJson } from "@/server/http/route-handler";
import { ZConfirmSecondFactorSchema } from "@/lib/schemas/account";

/** POST: confirms a new second factor with its first code; answers the recovery codes, once. */
export const POST = signInStepHandler(async ({ session, request, requestId }) => {
  const result = await confirmSecondFactor(session, await readJson(request, ZConfirmSecondFactorSchema), { requestId });
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
