import "server-only";
import { z } from "zod";
import { currentActor } from "@/server/authz/actor";
import type { Actor } from "@/server/authz/guard";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/server/authz/errors";
import { BadRequestError, ConflictError, ValidationError } from "@/server/use-case-errors";
import { currentRequestId } from "@/server/request-id";
import { logFailure, type FailureContext } from "@/server/log/log-failure";
import { routePattern } from "@/lib/redact-message";
import { ZConflictDetailsSchema, type TApiError } from "@/lib/schemas/api-error";

const MAX_BODY_BYTES = 256 * 1024;

type HandlerContext<P> = { actor: Actor; request: Request; params: P; requestId: string };

/**
 * Wraps a route handler: checks the actor (from the database), refuses cross-site writes, and
 * turns the use cases' errors into status codes with a JSON body the forms can show.
 */
export function routeHandler<P>(handler: (context: HandlerContext<P>) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const requestId = await currentRequestId();
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const actor = await currentActor();
      return await handler({ actor, request, params: await params, requestId });
    } catch (error) {
      return errorResponse(error, { requestId, route: `${request.method} ${routePattern(new URL(request.url).pathname)}` });
    }
  };
}

function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || URL.parse(origin)?.host !== host) throw new ForbiddenError();
}

/** Reads a JSON body of bounded size; anything else is a 400. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!request.headers.get("content-type")?.startsWith("application/json")) throw new BadRequestError("Send JSON.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new BadRequestError("The request is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BadRequestError("The request does not have the expected shape.");
  return parsed.data;
}

export function errorResponse(error: unknown, context: FailureContext): Response {
  if (error instanceof UnauthenticatedError) return errorBody({ error: error.message }, 401);
  if (error instanceof ForbiddenError) return errorBody({ error: error.message }, 403);
  if (error instanceof NotFoundError) return errorBody({ error: error.message }, 404);
  if (error instanceof BadRequestError) return errorBody({ error: error.message }, 400);
  if (error instanceof ValidationError) return errorBody({ error: error.message, fieldErrors: error.fieldErrors }, 422);
  if (error instanceof ConflictError) {
    // Details are loosely typed where they are thrown; one that breaks the contract is a bug, answered as one below.
    const details = ZConflictDetailsSchema.safeParse(error.details ?? {});
    if (details.success) return errorBody({ error: error.message, code: error.code, ...details.data }, 409);
  }
  logFailure(error, context);
  return errorBody({ error: "Something went wrong on our side. Your answers are kept; try again.", requestId: context.requestId }, 500);
}

function errorBody(body: TApiError, status: number): Response {
  return Response.json(body, { status });
}
