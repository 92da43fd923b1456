import { readApiError } from "@/lib/schemas/api-error";

export const UNREACHABLE_MESSAGE = "Homeward could not be reached. Check the connection and try again.";

export type PostResult = { ok: true; body: unknown } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** POSTs JSON to one of the app's routes; a refusal comes back as the server's words. */
export async function postJson(path: string, body: unknown): Promise<PostResult> {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
  if (!response) return { ok: false, message: UNREACHABLE_MESSAGE, fieldErrors: {} };
  if (response.ok) return { ok: true, body: response.status === 204 ? null : await response.json().catch(() => null) };
  const failure = await readApiError(response);
  return { ok: false, message: failure?.error ?? "Something went wrong on our side. Try again.", fieldErrors: failure?.fieldErrors ?? {} };
}
