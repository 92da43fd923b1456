import "server-only";
import { z } from "zod";
import { publicOrigin } from "@/config/env";
import { currentActor } from "@/server/authz/actor";
import type { Actor } from "@/server/authz/guard";
import { CrossSiteError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/server/authz/errors";
import { auditWho } from "@/server/audit/audit";
import { recordRefusal } from "@/server/audit/record-refusal";
import { RateLimitedError, tooManyRequests } from "@/server/rate-limit/rate-limit";
import { BadRequestError, ConflictError, ValidationError } from "@/server/use-case-errors";
import { currentRequestId } from "@/server/request-id";
import { logFailure, type FailureContext } from "@/server/log/log-failure";
import { routePattern } from "@/lib/redact-message";
import { databaseUnavailableJson } from "@/lib/database-unavailable";
import { isUnreachableError, markDatabaseUnreachable } from "@/server/database-reachability";
import { isConflictDetails, type TApiError } from "@/lib/schemas/api-error";
import { pageVersion } from "@/lib/schemas/fields";
import { readAtMost } from "./read-at-most";

const MAX_BODY_BYTES = 256 * 1024;

type HandlerContext<P> = { actor: Actor; request: Request; params: P; requestId: string };

/**
 * Wraps a route handler: checks the actor (from the database), refuses cross-site writes, and
 * turns the use cases' errors into status codes with a JSON body the forms can show.
 */
export function routeHandler<P>(handler: (context: HandlerContext<P>) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const requestId = await currentRequestId();
    const resolved = await params;
    const route = `${request.method} ${routePattern(new URL(request.url).pathname, resolved ?? {})}`;
    let actor: Actor | null = null;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      actor = await currentActor();
      return await handler({ actor, request, params: resolved, requestId });
    } catch (error) {
      await auditRefusal(error, { requestId, route, actor });
      return errorResponse(error, { requestId, route });
    }
  };
}

/**
 * Writes are taken only from pages of the configured public origin. Host and X-Forwarded-Host are
 * not asked: anyone who can reach the server directly can set them to match their own Origin.
 */
export function assertSameOrigin(request: Request) {
  if (request.headers.get("origin") !== publicOrigin()) throw new CrossSiteError();
}

/** Every refused access is audited: another agency's record (404), a role without the right (403), a cross-site write. */
export async function auditRefusal(error: unknown, context: { requestId: string; route: string; actor: Actor | null }) {
  const reason = error instanceof CrossSiteError ? "cross-site" : error instanceof ForbiddenError ? "forbidden" : error instanceof NotFoundError ? "not-found" : null;
  if (!reason) return;
  const who = context.actor ? auditWho(context.actor, context.requestId) : { requestId: context.requestId, userId: null, agencyId: null };
  // A refusal is answered whatever happens to its audit write; a failed write is logged like any failure.
  await recordRefusal(who, { reason, route: context.route }).catch((failure: unknown) => logFailure(failure, context));
}

/** A record's version as the server handed it out: a PostgreSQL integer, so a larger one never was. */
export const ZRecordVersionSchema = pageVersion;

/** Reads a JSON body of bounded size; anything else is a 400. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!request.headers.get("content-type")?.startsWith("application/json")) throw new BadRequestError("Send JSON.");
  // Read with a cap, not whole: a route the proxy does not run for gets its body unbuffered.
  const text = new TextDecoder().decode(await readAtMost(request, MAX_BODY_BYTES, () => new BadRequestError("The request is too large.")));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request is not valid JSON.");
  }
  // A message the schema gives (for a person) wins over this one, given to anything else.
  const parsed = schema.safeParse(body, { error: () => "The request does not have the expected shape." });
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message);
  return parsed.data;
}

export function errorResponse(error: unknown, context: FailureContext): Response {
  if (error instanceof UnauthenticatedError) return errorBody({ error: error.message }, 401);
  if (error instanceof RateLimitedError) return tooManyRequests(error);
  if (error instanceof ForbiddenError) return errorBody({ error: error.message }, 403);
  if (error instanceof NotFoundError) return errorBody({ error: error.message }, 404);
  if (error instanceof BadRequestError) return errorBody({ error: error.message }, 400);
  if (error instanceof ValidationError) return errorBody({ error: error.message, fieldErrors: error.fieldErrors }, 422);
  if (error instanceof ConflictError) {
    // Details are loosely typed where they are thrown; one that breaks the contract is a bug, answered as one below.
    const details = error.details ?? {};
    if (isConflictDetails(details)) return errorBody({ error: error.message, code: error.code, ...details }, 409);
  }
  if (isUnreachableError(error)) {
    markDatabaseUnreachable();
    logFailure(error, context);
    return databaseUnavailableJson();
  }
  logFailure(error, context);
  return errorBody({ error: "Something went wrong on our side. Your answers are kept; try again.", requestId: context.requestId }, 500);
}

function errorBody(body: TApiError, status: number): Response {
  return Response.json(body, { status });
}
