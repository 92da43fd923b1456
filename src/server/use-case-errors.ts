import "server-only";
import type { TConflictCode, TConflictDetails } from "@/lib/schemas/api-error";

export type FieldErrors = Record<string, string>;

/** The input breaks a rule the person can fix: answered with 422 and a message per field. */
export class ValidationError extends Error {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some answers need attention.",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The request is malformed or tampered with (unknown fields, wrong types): answered with 400. */
export class BadRequestError extends Error {
  constructor(message = "The request was not understood.") {
    super(message);
    this.name = "BadRequestError";
  }
}

/**
 * The request conflicts with the record's state: a step taken out of order, NCMEC before law
 * enforcement, a second open episode, or a save from an outdated version. Answered with 409.
 */
export class ConflictError extends Error {
  constructor(
    readonly code: TConflictCode,
    message: string,
    readonly details?: TConflictDetails,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}
