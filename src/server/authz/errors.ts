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

/** A write from a page of another site (or none): answered with 403 like any refusal, audited as cross-site. */
export class CrossSiteError extends ForbiddenError {
  constructor() {
    super();
    this.name = "CrossSiteError";
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
