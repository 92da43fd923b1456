/** Second factors (TOTP) and the steps of signing in. Pure: `now` and every fact are passed in. */

/** Codes change every 30 seconds; one step either side is accepted for clock drift. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/**
 * Whether a person must have a second factor: everyone (CJIS expects it for all access), unless
 * their agency made it optional for caseworkers and caseworker is the only role they hold.
 */
export function mustHaveSecondFactor(person: { roles: readonly string[] }, agency: { caseworkerSecondFactorOptional: boolean }): boolean {
  const onlyCaseworker = person.roles.length > 0 && person.roles.every((role) => role === "CASEWORKER");
  return !(agency.caseworkerSecondFactorOptional && onlyCaseworker);
}

/** A code's time step is accepted once: never one at or before the last accepted step. */
export function isReplayedStep(step: number, lastAcceptedStep: number | null): boolean {
  return lastAcceptedStep !== null && step <= lastAcceptedStep;
}

/**
 * What a signed-in browser must still do before it reaches the application: give the code of its
 * second factor, choose a new password an admin asked for, set up the second factor it must have.
 * In that order: the code proves the person before anything about the account changes.
 */
export type SignInStep = "code" | "new-password" | "second-factor" | "done";

export function signInStep(state: {
  secondFactorGiven: boolean;
  hasSecondFactor: boolean;
  mustHaveSecondFactor: boolean;
  passwordChangeRequired: boolean;
}): SignInStep {
  if (state.hasSecondFactor && !state.secondFactorGiven) return "code";
  if (state.passwordChangeRequired) return "new-password";
  if (!state.hasSecondFactor && state.mustHaveSecondFactor) return "second-factor";
  return "done";
}

/** The page of each unfinished step. */
export const SIGN_IN_STEP_PAGES = {
  code: "/sign-in/code",
  "new-password": "/sign-in/new-password",
  "second-factor": "/sign-in/second-factor",
} as const satisfies Record<Exclude<SignInStep, "done">, string>;

/** What a route handler answers a session that has not finished signing in. */
export const SIGN_IN_STEP_MESSAGES = {
  code: "Finish signing in: enter the code from your authenticator app first.",
  "new-password": "Finish signing in: choose a new password first.",
  "second-factor": "Finish signing in: set up your second factor first.",
} as const satisfies Record<Exclude<SignInStep, "done">, string>;
