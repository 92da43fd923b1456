import "server-only";
import { randomUUID } from "node:crypto";
import { env, servedOverHttps } from "@/config/env";
import { databaseUnavailableJson } from "@/lib/database-unavailable";
import { databaseReachable } from "@/server/database-reachability";
import { withRequestId } from "@/server/request-id";
import { setResponseHeaders } from "./security-headers";

/**
 * For the API routes the proxy does not run for (its matcher in src/proxy.ts lists them): what the
 * proxy would do for them, done here. A request id of the route's own (never one the client sent),
 * the 503 while the database cannot be reached, and the proxy's response headers. A JSON answer
 * needs no Content-Security-Policy and no nonce; the proxy's session-cookie check is the route
 * handler's own (currentActor answers 401).
 *
 * Why a route skips the proxy: the photo upload, because the proxy would buffer its body (10 MB
 * cap); autosave, because the proxy's pass costs each request about 4 ms of a 20 ms budget.
 */
export function unproxiedRoute<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context: C) => Promise<Response> {
  return (request, context) => {
    const requestId = randomUUID();
    return withRequestId(requestId, async () => {
      const response = (await databaseReachable()) ? await handler(request, context) : databaseUnavailableJson();
      setResponseHeaders(response.headers, { requestId, https: servedOverHttps(env()) });
      return response;
    });
  };
}
