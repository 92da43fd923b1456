// Read in the browser on every signed-in page: plain shape checks, not zod (src/lib/json-shape.ts).
import { arrayOf, nullable, number, object, oneOf, optional, readJsonShape, recordOf, string, unknown, type ShapeOf } from "@/lib/json-shape";

/** Why a request conflicts with the record's state (a 409); see ConflictError on the server. */
export const CONFLICT_CODES = ["STEP_ORDER", "LAW_ENFORCEMENT_FIRST", "OPEN_EPISODE", "STALE_VERSION", "INCOMPLETE", "INELIGIBLE", "CLOSED", "REFUSED"] as const;
export type TConflictCode = (typeof CONFLICT_CODES)[number];

/** What a conflict may carry besides its message, for the form to show or act on. */
const CONFLICT_DETAILS = {
  /** The record's current version, to base the next save on. */
  version: optional(number),
  /** Another person's saved answers of the step, shown beside the form's. */
  current: optional(nullable(recordOf(unknown))),
  savedBy: optional(nullable(string)),
  missingSteps: optional(arrayOf(string)),
  /** The child's open episode, to go to instead of starting another. */
  episodeId: optional(string),
};
export const isConflictDetails = object(CONFLICT_DETAILS);
export type TConflictDetails = ShapeOf<typeof isConflictDetails>;

/** Every error body a route handler answers with: a message for the person, and what a form needs to act. */
export const isApiError = object({
  ...CONFLICT_DETAILS,
  error: string,
  code: optional(oneOf(CONFLICT_CODES)),
  /** One message per field path, to show next to each field (422). */
  fieldErrors: optional(recordOf(string)),
  /** Quoted to support after an unexpected failure (500). */
  requestId: optional(string),
});
export type TApiError = ShapeOf<typeof isApiError>;

/**
 * The error body of a failed response, or null when there is none to trust (a proxy's HTML page, a
 * cut-off body): the caller then shows its own failure message.
 */
export function readApiError(response: Response): Promise<TApiError | null> {
  return readJsonShape(response, isApiError);
}
