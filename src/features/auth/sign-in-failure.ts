import { object, readJsonShape, string } from "@/lib/json-shape";
import type { TSignIn } from "@/lib/schemas/sign-in";
import { nextAuthCsrfToken } from "./next-auth-csrf";

/** The one message for every failed sign-in: it never says which part was wrong. */
export const SIGN_IN_FAILED_MESSAGE =
  "The email address or password is not right, or the account is locked. After 5 failed attempts an account is locked for 15 minutes.";

export const SIGN_IN_UNREACHABLE_MESSAGE = "Homeward could not be reached. Check the connection and try again.";

/** next-auth's answer to the credentials form: where to go next, with `error` in that address when refused. */
export type SignInAnswer = { ok: boolean; status: number; error: string | null };

const isCallback = object({ url: string });

/**
 * Posts the sign-in form to next-auth's credentials callback with its CSRF token, as next-auth/react's
 * signIn() does (without shipping that client, about 11 KB, in the sign-in page). Resolves undefined
 * when the answer is not next-auth's: no connection, or a proxy's error page.
 */
export async function postSignIn(values: TSignIn): Promise<SignInAnswer | undefined> {
  try {
    const csrfToken = await nextAuthCsrfToken();
    if (csrfToken === null) return undefined;
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...values, csrfToken, callbackUrl: window.location.href, json: "true" }),
    });
    const answer = await readJsonShape(response, isCallback);
    if (answer === null) return undefined;
    return { ok: response.ok, status: response.status, error: new URL(answer.url, window.location.href).searchParams.get("error") };
  } catch {
    return undefined;
  }
}

/**
 * What the sign-in form tells the person after postSignIn(), or null when they are in. Too many
 * attempts (429) carry the server's message, which says how long to wait; every other refusal gets
 * the one message that does not say which part was wrong.
 */
export function signInFailureMessage(result: SignInAnswer | undefined): string | null {
  if (!result) return SIGN_IN_UNREACHABLE_MESSAGE;
  if (result.ok && !result.error) return null;
  if (result.status === 429 && result.error) return result.error;
  return SIGN_IN_FAILED_MESSAGE;
}
