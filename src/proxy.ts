import { NextResponse, type NextRequest } from "next/server";
import { env, servedOverHttps } from "@/config/env";
import { databaseReachable } from "@/server/database-reachability";
import { DATABASE_UNAVAILABLE, databaseUnavailableJson, databaseUnavailablePage } from "@/lib/database-unavailable";
import { setResponseHeaders } from "@/server/http/security-headers";

/**
 * Runs before every page and API request but the two its matcher leaves out (they do the same
 * themselves: src/server/http/unproxied-route.ts): gives the request an id (for the audit trail),
 * sets the security headers, and sends a browser without a session cookie to sign-in. It only
 * redirects: every page and handler still checks the actor itself against the database.
 */
const PUBLIC_PATHS = ["/sign-in", "/welcome", "/reset-password", "/api/auth", "/api/health", "/api/schemas"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => c.name.endsWith("next-auth.session-token") || c.name.includes("next-auth.session-token."));
}

/** While the database cannot be reached: 503 with Retry-After, a page that says so, or JSON for the API (Cache-Control is set with the other headers). */
function unavailable(pathname: string): Response {
  if (pathname.startsWith("/api/")) return databaseUnavailableJson();
  const headers = { "Retry-After": String(DATABASE_UNAVAILABLE.retryAfterSeconds), "Content-Type": "text/html; charset=utf-8" };
  return new Response(databaseUnavailablePage(), { status: 503, headers });
}

export async function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const requestId = crypto.randomUUID();
  const dev = process.env.NODE_ENV === "development";
  // The configured public URL decides, not the request: X-Forwarded-Proto is whatever the client or
  // a proxy says. (The proxy runs in Node.js, so it reads the same validated environment.)
  const https = servedOverHttps(env());

  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from React and Next; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("content-security-policy", csp);

  const { pathname, search } = request.nextUrl;
  let response: Response;
  if (!(await databaseReachable())) {
    response = unavailable(pathname);
  } else if (!isPublic(pathname) && !hasSessionCookie(request)) {
    if (pathname.startsWith("/api/")) {
      response = NextResponse.json({ error: "Sign in to continue." }, { status: 401 });
    } else {
      const target = new URL("/sign-in", request.url);
      if (pathname !== "/") target.searchParams.set("callbackUrl", `${pathname}${search}`);
      response = NextResponse.redirect(target);
    }
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  response.headers.set("Content-Security-Policy", csp);
  setResponseHeaders(response.headers, { requestId, https });
  return response;
}

export const config = {
  matcher: [
    // Every request but static assets, prefetches included: the headers and the request id must
    // not depend on anything the client sends. Two API routes skip it and do what it would do
    // themselves (src/server/http/unproxied-route.ts): photo uploads, because the proxy buffers
    // bodies up to Next's 10 MB default and only that route takes more, reading its body itself
    // with its own cap after checking who is uploading; and autosave (drafts), the most frequent
    // request, which the proxy's pass made about 20 % slower.
    "/((?!_next/static|_next/image|favicon.ico|api/episodes/[^/]+/photos$|api/episodes/[^/]+/drafts/[^/]+$).*)",
  ],
};
