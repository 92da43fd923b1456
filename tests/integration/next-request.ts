import { createRequire } from "node:module";
import { afterAll, beforeAll } from "vitest";
import { NextRequest } from "next/server";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { encode } from "next-auth/jwt";
import { env, servedOverHttps } from "@/config/env";

/**
 * Calls real route handlers as Next would: only the framework's request edges are stood in for.
 * `next/headers` answers from the request being handled (its cookie and headers), both for our
 * code (through the test file's vi.mock, see `nextHeadersStandIn`) and for next-auth, which
 * require()s it outside Vite's reach (see `standInForRequire`).
 */
export const ORIGIN = "http://localhost:3000";

const current = { headers: new Headers() };

export const nextHeadersStandIn = {
  cookies: async () => new RequestCookies(current.headers),
  headers: async () => current.headers,
};

const nextHeadersCjs = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
const realCjs = { ...nextHeadersCjs };

/** Points next-auth's require("next/headers") at the stand-ins; the returned function undoes it. */
export function standInForRequire(): () => void {
  Object.assign(nextHeadersCjs, nextHeadersStandIn);
  return () => Object.assign(nextHeadersCjs, realCjs);
}

/** For a whole test file: next-auth's require("next/headers") answers with the stand-ins, then is put back. */
export function standInForRequireDuringFile(): void {
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = standInForRequire();
  });
  afterAll(() => restore());
}

/** Makes next/headers answer as in a request with these headers (for a page rendered directly). */
export function enterRequest(headers: Headers): void {
  current.headers = headers;
}

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** One request to a handler: same-origin, with the given cookie, client address and body. */
export async function call<P>(
  handler: Handler<P>,
  params: P,
  path: string,
  init: { method?: string; cookie?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<Response> {
  const headers = new Headers({ host: new URL(ORIGIN).host, ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers });
  if (init.method && init.method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
  const request = new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers, body: init.body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  enterRequest(headers);
  return handler(request, { params: Promise.resolve(params) });
}

/** The cookie next-auth sets at sign-in: a JWT carrying only the session id. */
export async function sessionCookie(sessionId: string): Promise<string> {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run this through npm run test:integration");
  return `${servedOverHttps(env()) ? "__Secure-" : ""}next-auth.session-token=${await encode({ token: { sid: sessionId }, secret })}`;
}

/**
 * POSTs a JSON change to one of an episode's route handlers as the signed-in person, with the
 * episode's current version unless the body gives one; answers the status and the parsed body.
 */
export async function postEpisodeChange<P extends { episodeId: string }>(
  handler: Handler<P>,
  params: P,
  path: string,
  body: Record<string, unknown>,
  who: { sessionId: string },
): Promise<{ status: number; body: unknown }> {
  // Imported here, not at the top: test files load this module from their vi.mock("next/headers")
  // factory, and ./support imports code that imports next/headers, which would wait on itself.
  const { episodeVersion } = await import("./support");
  const response = await call(handler, params, `/api/episodes/${params.episodeId}/${path}`, {
    method: "POST",
    cookie: await sessionCookie(who.sessionId),
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ version: await episodeVersion(params.episodeId), ...body }),
  });
  return { status: response.status, body: await response.json() };
}
