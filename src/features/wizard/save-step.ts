import { number, object, readJsonShape } from "@/lib/json-shape";
import { readApiError } from "@/lib/schemas/api-error";

/** Another person's save of the step since this page was opened, with their answers. */
export type Conflict = { message: string; current: Record<string, unknown> | null; savedBy: string | null };

export type StepSaveOutcome =
  | { kind: "saved"; version?: number }
  | { kind: "invalid"; fieldErrors: Record<string, string> }
  | { kind: "conflict"; conflict: Conflict; version?: number }
  | { kind: "failed"; message: string }
  /** The session has ended (401): nothing was saved, and nothing is kept on this device. */
  | { kind: "signed-out" };

const isStepSaved = object({ version: number });

/** Saves a step's answers on the version they were typed against, and says what came of it in the person's words. */
export async function saveStep(target: { episodeId: string; step: string }, version: number, values: unknown): Promise<StepSaveOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/episodes/${target.episodeId}/steps/${target.step}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ version, values }),
    });
  } catch {
    return { kind: "failed", message: "The answers could not be sent: check the connection and try again. What you typed is kept on this device." };
  }
  if (response.ok) {
    const saved = await readJsonShape(response, isStepSaved);
    return { kind: "saved", version: saved?.version };
  }
  const failure = await readApiError(response);
  if (response.status === 422 && failure?.fieldErrors) return { kind: "invalid", fieldErrors: failure.fieldErrors };
  if (response.status === 409 && failure?.code === "STALE_VERSION") {
    return { kind: "conflict", conflict: { message: failure.error, current: failure.current ?? null, savedBy: failure.savedBy ?? null }, version: failure.version };
  }
  if (response.status === 401) return { kind: "signed-out" };
  return { kind: "failed", message: failure?.error ?? "The answers could not be saved. Try again." };
}

/** Where a person's draft of a step is kept on the server (PUT, or POST by beacon). */
export function draftUrl(target: { episodeId: string; step: string }): string {
  return `/api/episodes/${target.episodeId}/drafts/${target.step}`;
}

/**
 * "signed-out": the session has ended (401); "unavailable": the server cannot reach its database
 * (503), try again later; "failed": not sent (no connection, or another failure), try again later.
 */
export type DraftSendOutcome = "sent" | "signed-out" | "unavailable" | "failed";

/** Sends a step's unsaved answers as the person's draft. */
export async function sendDraft(target: { episodeId: string; step: string }, draft: { baseVersion: number; values: unknown }): Promise<DraftSendOutcome> {
  try {
    const response = await fetch(draftUrl(target), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(draft) });
    if (response.ok) return "sent";
    return response.status === 401 ? "signed-out" : response.status === 503 ? "unavailable" : "failed";
  } catch {
    return "failed";
  }
}
