import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export const REQUEST_ID_HEADER = "x-request-id";

/** The id the proxy gave this request (or a fresh one outside a request, e.g. in a script). */
export async function currentRequestId(): Promise<string> {
  try {
    const value = (await headers()).get(REQUEST_ID_HEADER);
    if (value && /^[A-Za-z0-9-]{8,64}$/.test(value)) return value;
  } catch {
    // Not inside a request.
  }
  return randomUUID();
}
