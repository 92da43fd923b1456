import "server-only";
import { SIGN_IN_STEP_MESSAGES, type SignInStep } from "@/domain/second-factor-policy";

type UnfinishedStep = Exclude<SignInStep, "done">;

/** No valid session: pages send the person to sign-in, route handlers answer 401. */
export class UnauthenticatedError extends Error {
  constructor(readonly reason: "none" | "idle" | "expired" | "ended" | "inactive" = "none") {
    super("Sign in to continue.");
    this.name = "UnauthenticatedError";
  }
}

/**
 * A session that has not finished signing in (the second factor's code, a new password, setting up
 * a second factor): pages send the person to that step, route handlers answer 401 saying what is left.
 */
export class SignInUnfinishedError extends UnauthenticatedError {
  constructor(readonly step: UnfinishedStep) {
    super("none");
    this.message = SIGN_IN_STEP_MESSAGES[step];
    this.name = "SignInUnfinishedError";
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
