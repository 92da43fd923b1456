import type { SignInResponse } from "next-auth/react";
import { SIGN_IN_FAILED_MESSAGE } from "@/lib/schemas/sign-in";

export const SIGN_IN_UNREACHABLE_MESSAGE = "Homeward could not be reached. Check the connection and try again.";

/**
 * What the sign-in form tells the person after next-auth's signIn(), or null when they are in.
 * Too many attempts (429) carry the server's message, which says how long to wait; every other
 * refusal gets the one message that does not say which part was wrong.
 */
export function signInFailureMessage(result: SignInResponse | undefined): string | null {
  if (!result) return SIGN_IN_UNREACHABLE_MESSAGE;
  if (result.ok && !result.error) return null;
  if (result.status === 429 && result.error) return result.error;
  return SIGN_IN_FAILED_MESSAGE;
}
