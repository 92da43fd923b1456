/**
 * The headers every page and API response of Homeward carries besides its Content-Security-Policy
 * (static assets get next.config.ts's): set by the proxy, and by the few routes it does not run for
 * (src/server/http/unproxied-route.ts). No "server-only" marker: the proxy imports it.
 */
export function setResponseHeaders(headers: Headers, options: { requestId: string; https: boolean }): void {
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Permissions-Policy", "camera=(self), geolocation=(), microphone=()");
  headers.set("Cache-Control", "no-store");
  headers.set("X-Request-Id", options.requestId);
  if (options.https) headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}
