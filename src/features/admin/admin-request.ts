"use client";

import { readApiError } from "@/lib/schemas/api-error";

export type AdminAnswer<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors: Record<string, string> };

/** One change an admin asks of the server, as JSON; a refusal comes back with the server's words. */
export async function adminRequest<T = unknown>(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<AdminAnswer<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (!response) return { ok: false, error: "The server could not be reached. Check the connection and try again.", fieldErrors: {} };
  if (response.ok) return { ok: true, data: response.status === 204 ? (null as T) : ((await response.json()) as T) };
  const failure = await readApiError(response);
  if (response.status === 401) return { ok: false, error: "Your session has ended. Sign in again, then try again.", fieldErrors: {} };
  return { ok: false, error: failure?.error ?? "That did not work. Try again.", fieldErrors: failure?.fieldErrors ?? {} };
}

/**
 * Puts the server's message for each of the form's fields next to that field; answers whether any
 * was one of them (otherwise the caller shows the general message).
 */
export function showFieldErrors<F extends string>(fields: readonly F[], fieldErrors: Record<string, string>, setError: (field: F, error: { message: string }) => void): boolean {
  const isField = (name: string): name is F => (fields as readonly string[]).includes(name);
  let shown = false;
  for (const [name, message] of Object.entries(fieldErrors)) {
    if (isField(name)) {
      setError(name, { message });
      shown = true;
    }
  }
  return shown;
}
