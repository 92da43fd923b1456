import "server-only";
import { cache } from "react";
import { connection } from "next/server";
import { redirect, forbidden } from "next/navigation";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env, servedOverHttps } from "@/config/env";
import { sessionIdOfToken } from "@/server/auth/session-token";
import { resolveSession, resolveSignInSession, type SignInSession } from "@/server/auth/sessions";
import { SIGN_IN_STEP_PAGES } from "@/domain/second-factor-policy";
import { actorFrom, type Actor } from "./guard";
import { currentRequestId } from "@/server/request-id";
import { SignInUnfinishedError, UnauthenticatedError } from "./errors";
import { can } from "./permissions";
import { PAGE_PERMISSIONS, type PagePath } from "./pages";
import { auditWho } from "@/server/audit/audit";
import { recordRefusal } from "@/server/audit/record-refusal";

export { actorFrom, assertCan, type Actor } from "./guard";

/** The session id the request's cookie carries (next-auth verifies its signature and expiry); UnauthenticatedError("none") without one. */
export async function currentSessionId(): Promise<string> {
  await connection();
  // The cookie's token as sent (next-auth joins a token split over several cookies), decoded once per token.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: servedOverHttps(env()),
    raw: true,
  });
  const sid = token ? await sessionIdOfToken(token, env().NEXTAUTH_SECRET) : null;
  if (sid === null) throw new UnauthenticatedError("none");
  return sid;
}

/**
 * The signed-in person of this request, re-read from the database (once per request). A session
 * that has not finished signing in (the second factor's code, a required new password, a second
 * factor to set up) is refused with SignInUnfinishedError: it reaches nothing else.
 */
export const currentActor = cache(async (): Promise<Actor> => {
  return actorFrom(await resolveSession(await currentSessionId(), { requestId: await currentRequestId() }));
});

/** This request's session whatever sign-in step it is at, for the pages and routes of those steps. */
export const currentSignInSession = cache(async (): Promise<SignInSession> => {
  return resolveSignInSession(await currentSessionId(), { requestId: await currentRequestId() });
});

/**
 * For pages: sends a signed-out person to sign-in, answers 403 (audited) to a role without the
 * page's permission (from the one page map).
 */
export async function requirePageActor(page: PagePath): Promise<Actor> {
  const actor = await signedInActor();
  if (!can(actor.roles, PAGE_PERMISSIONS[page])) {
    await recordRefusal(auditWho(actor, await currentRequestId()), { reason: "forbidden", route: page });
    forbidden();
  }
  return actor;
}

/** Sends a browser without a usable session to sign-in, saying why when the session timed out. */
function redirectToSignIn(error: UnauthenticatedError): never {
  redirect(error.reason === "idle" || error.reason === "expired" ? `/sign-in?reason=${error.reason}` : "/sign-in");
}

/** For the signed-in shell: the actor, or a redirect to sign-in or to the sign-in step still to do. */
export async function signedInActor(): Promise<Actor> {
  let actor: Actor;
  try {
    actor = await currentActor();
  } catch (error) {
    if (error instanceof SignInUnfinishedError) redirect(SIGN_IN_STEP_PAGES[error.step]);
    if (error instanceof UnauthenticatedError) redirectToSignIn(error);
    throw error;
  }
  return actor;
}

/** For the pages of the sign-in steps: the session at whatever step it is, or a redirect to sign-in. */
export async function signInStepSession(): Promise<SignInSession> {
  try {
    return await currentSignInSession();
  } catch (error) {
    if (error instanceof UnauthenticatedError) redirectToSignIn(error);
    throw error;
  }
}
