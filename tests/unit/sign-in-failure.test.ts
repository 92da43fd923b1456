import { describe, expect, it } from "vitest";
import { SIGN_IN_FAILED_MESSAGE, SIGN_IN_UNREACHABLE_MESSAGE, signInFailureMessage } from "@/features/auth/sign-in-failure";

describe("what the sign-in form says after posting the form", () => {
  it("shows the server's message when there were too many attempts, so the person knows how long to wait", () => {
    const error = "Too many sign-in attempts from this computer. Wait 15 minutes and try again.";
    expect(signInFailureMessage({ ok: false, status: 429, error })).toBe(error);
  });

  it("gives the one message that says nothing about which part was wrong for every other refusal", () => {
    expect(signInFailureMessage({ ok: false, status: 401, error: "CredentialsSignin" })).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(signInFailureMessage({ ok: false, status: 403, error: "Too many sign-in attempts" })).toBe(SIGN_IN_FAILED_MESSAGE);
  });

  it("says the server could not be reached when there was no answer of next-auth's, and nothing once signed in", () => {
    expect(signInFailureMessage(undefined)).toBe(SIGN_IN_UNREACHABLE_MESSAGE);
    expect(signInFailureMessage({ ok: true, status: 200, error: null })).toBeNull();
  });
});
