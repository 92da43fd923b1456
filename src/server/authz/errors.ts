import "server-only";

/** No valid session: pages send the person to sign-in, route handlers answer 401. */
export class UnauthenticatedError extends Error {
  constructor(readonly reason: "none" | "idle" | "expired" | "ended" | "inactive" = "none") {
    super("Sign in to continue.");
    this.name = "UnauthenticatedError";
  }
}

/** Signed in but not allowed: answered with 403. */
export class ForbiddenError extends Error {
  constructor() {
    super("You do not have access to this.");
    this.name = "ForbiddenError";
  }
}

/**
 * The record does not exist for this actor (it may exist in another agency): answered with 404,
 * so that nobody learns what another agency holds.
 */
export class NotFoundError extends Error {
  constructor() {
    super("Not found.");
    this.name = "NotFoundError";
  }
}
