// Loaded by src/instrumentation-node.ts at start-up, outside the React server layer: no "server-only" marker.
import { createHmac } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * The client's address, as this server's HTTP layer saw it: set on every request by the hook
 * below, whatever the client sent under the same name. Route handlers never see the socket, and
 * `next start` keeps an X-Forwarded-For the client sends, so neither is trusted on its own
 * (docs/decisions/008-rate-limits.md).
 */
export const CLIENT_ADDRESS_HEADER = "x-homeward-client-address";

/**
 * The client behind `trustedProxies` reverse proxies, each of which appends the address it was
 * reached from to X-Forwarded-For: the entry that many places from the right. With none trusted,
 * or a header too short to have passed them all, the socket's peer. Null when nothing is an address.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string | null {
  const hops = [forwardedFor ?? []].flat().flatMap((value) => value.split(",")).map((hop) => hop.trim());
  const candidate = trustedProxies > 0 && hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : peer;
  if (!candidate) return null;
  // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d.
  const address = candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address : null;
}

// On globalThis, not in this module: Next bundles this file into more than one chunk, and a second
// copy must not subscribe again (with its own idea of the trusted proxies).
const hook = globalThis as { homewardClientAddressHook?: boolean };

/**
 * Sets CLIENT_ADDRESS_HEADER on every request the process's HTTP server receives, before Next.js
 * sees it (Node publishes `http.server.request.start` just before the request event). Installed
 * once, at start-up (src/instrumentation-node.ts), with the configured number of trusted proxies.
 */
export function installClientAddressHook(trustedProxies = 0): void {
  if (hook.homewardClientAddressHook) return;
  hook.homewardClientAddressHook = true;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    const address = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedProxies);
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
  });
}

/**
 * The key a client address is counted under: a keyed hash (the rate-limit table holds no
 * addresses, and without the server's secret the IPv4 space cannot be tried against it), and for
 * IPv6 its /64 network, which one household or one attacker gets whole. Null when unknown.
 */
export function clientAddressKey(headers: Headers, secret: string): string | null {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  if (!address || !isIP(address)) return null;
  return createHmac("sha256", secret).update(networkOf(address)).digest("base64url").slice(0, 32);
}

function networkOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
