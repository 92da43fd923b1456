import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export const REQUEST_ID_HEADER = "x-request-id";

/** The id of a request the proxy does not see (src/server/http/unproxied-route.ts), for its whole run. */
const ownRequestId = new AsyncLocalStorage<string>();

/** Runs `work` as a request whose id is `requestId`: currentRequestId() answers it, whatever the headers say. */
export function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return ownRequestId.run(requestId, work);
}

/** The id the proxy gave this request (or a fresh one outside a request, e.g. in a script). */
export async function currentRequestId(): Promise<string> {
  const own = ownRequestId.getStore();
  if (own) return own;
  try {
    const value = (await headers()).get(REQUEST_ID_HEADER);
    if (value && /^[A-Za-z0-9-]{8,64}$/.test(value)) return value;
  } catch {
    // Not inside a request.
  }
  return randomUUID();
}
