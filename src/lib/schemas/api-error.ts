// zod/mini: every form reads its errors through this module, in the browser (see session-end.ts).
import { z } from "zod/mini";

/** Why a request conflicts with the record's state (a 409); see ConflictError on the server. */
export const ZConflictCodeSchema = z.enum(["STEP_ORDER", "LAW_ENFORCEMENT_FIRST", "OPEN_EPISODE", "STALE_VERSION", "INCOMPLETE", "INELIGIBLE", "CLOSED", "REFUSED"]);
export type TConflictCode = z.infer<typeof ZConflictCodeSchema>;

/** What a conflict may carry besides its message, for the form to show or act on. */
export const ZConflictDetailsSchema = z.object({
  /** The record's current version, to base the next save on. */
  version: z.optional(z.number()),
  /** Another person's saved answers of the step, shown beside the form's. */
  current: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  savedBy: z.optional(z.nullable(z.string())),
  missingSteps: z.optional(z.array(z.string())),
  /** The child's open episode, to go to instead of starting another. */
  episodeId: z.optional(z.string()),
});
export type TConflictDetails = z.infer<typeof ZConflictDetailsSchema>;

/** Every error body a route handler answers with: a message for the person, and what a form needs to act. */
export const ZApiErrorSchema = z.extend(ZConflictDetailsSchema, {
  error: z.string(),
  code: z.optional(ZConflictCodeSchema),
  /** One message per field path, to show next to each field (422). */
  fieldErrors: z.optional(z.record(z.string(), z.string())),
  /** Quoted to support after an unexpected failure (500). */
  requestId: z.optional(z.string()),
});
export type TApiError = z.infer<typeof ZApiErrorSchema>;

/**
 * The error body of a failed response, or null when there is none to trust (a proxy's HTML page, a
 * cut-off body): the caller then shows its own failure message.
 */
export async function readApiError(response: Response): Promise<TApiError | null> {
  const parsed = ZApiErrorSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}
