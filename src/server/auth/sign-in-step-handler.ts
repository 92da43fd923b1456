import "server-only";
import { currentSignInSession } from "@/server/authz/actor";
import { assertSameOrigin, auditRefusal, errorResponse } from "@/server/http/route-handler";
import { currentRequestId } from "@/server/request-id";
import { routePattern } from "@/lib/redact-message";
import { enforceRateLimits, type RateLimitCheck } from "@/server/rate-limit/rate-limit";
import { clientAddressKey } from "@/server/rate-limit/client-address";
import { env } from "@/config/env";
import type { SignInSession } from "./sessions";

/**
 * Wraps the route handlers of the sign-in steps (the code, a required new password, setting up a
 * second factor): same-origin writes only, and a session at any step, which the use case checks.
 * Errors are answered as by routeHandler.
 */
export function signInStepHandler(handler: (context: { session: SignInSession; request: Request; requestId: string }) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const requestId = await currentRequestId();
    const route = `${request.method} ${routePattern(new URL(request.url).pathname)}`;
    try {
      assertSameOrigin(request);
      const session = await currentSignInSession();
      return await handler({ session, request, requestId });
    } catch (error) {
      await auditRefusal(error, { requestId, route, actor: null });
      return errorResponse(error, { requestId, route });
    }
  };
}

/**
 * Handlers of pages reached from a link, before anyone is signed in: same-origin writes only, and
 * rate limited per client address (and with sign-in, all together: both hash passwords) before the
 * handler runs, so a refused request costs no password work.
 */
export function publicFormHandler(handler: (context: { request: Request; requestId: string }) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const requestId = await currentRequestId();
    const route = `${request.method} ${routePattern(new URL(request.url).pathname)}`;
    try {
      assertSameOrigin(request);
      const address = clientAddressKey(request.headers, env().NEXTAUTH_SECRET ?? "");
      const checks: RateLimitCheck[] = [...(address ? [{ limit: "account-link-address", subject: address } as const] : []), { limit: "sign-in-all", subject: "all" }];
      await enforceRateLimits(checks, { requestId, userId: null, agencyId: null });
      return await handler({ request, requestId });
    } catch (error) {
      await auditRefusal(error, { requestId, route, actor: null });
      return errorResponse(error, { requestId, route });
    }
  };
}
