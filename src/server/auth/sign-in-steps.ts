import "server-only";
import { redirect } from "next/navigation";
import { SIGN_IN_STEP_PAGES, type SignInStep } from "@/domain/second-factor-policy";
import { safeCallback } from "@/lib/safe-callback";
import { signInStepSession } from "@/server/authz/actor";
import type { SignInSession } from "./sessions";

/** Where to go once signed in: a page of the app, never back into the sign-in steps. */
export function afterSignIn(callbackUrl: string | string[] | undefined): string {
  const target = safeCallback(callbackUrl);
  return target === "/sign-in" || target.startsWith("/sign-in/") || target.startsWith("/sign-in?") ? "/" : target;
}

/**
 * For the page of one sign-in step: the session when it is at this step; otherwise a redirect to
 * the step it is at, or to where the person was going once they are done.
 */
export async function sessionAtStep(here: Exclude<SignInStep, "done">, callbackUrl: string | string[] | undefined): Promise<SignInSession> {
  const session = await signInStepSession();
  const target = afterSignIn(callbackUrl);
  if (session.step === "done") redirect(target);
  if (session.step !== here) redirect(`${SIGN_IN_STEP_PAGES[session.step]}?callbackUrl=${encodeURIComponent(target)}`);
  return session;
}
