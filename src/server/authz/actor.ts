import "server-only";
import { cache } from "react";
import { connection } from "next/server";
import { redirect, forbidden } from "next/navigation";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env, servedOverHttps } from "@/config/env";
import { resolveSession } from "@/server/auth/sessions";
import { actorFrom, type Actor } from "./guard";
import { currentRequestId } from "@/server/request-id";
import { UnauthenticatedError } from "./errors";
import { can } from "./permissions";
import { PAGE_PERMISSIONS, type PagePath } from "./pages";
import { auditWho } from "@/server/audit/audit";
import { recordRefusal } from "@/server/audit/record-refusal";

export { actorFrom, assertCan, type Actor } from "./guard";

/** The signed-in person of this request, re-read from the database (once per request). */
export const currentActor = cache(async (): Promise<Actor> => {
  await connection();
  // next-auth verifies the cookie's signature and expiry; the JWT carries only our session id.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: servedOverHttps(env()),
  });
  if (typeof token?.sid !== "string") throw new UnauthenticatedError("none");
  return actorFrom(await resolveSession(token.sid, { requestId: await currentRequestId() }));
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

/** For the signed-in shell: the actor, or a redirect to sign-in (saying why when the session timed out). */
export async function signedInActor(): Promise<Actor> {
  let actor: Actor;
  try {
    actor = await currentActor();
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      redirect(error.reason === "idle" || error.reason === "expired" ? `/sign-in?reason=${error.reason}` : "/sign-in");
    }
    throw error;
  }
  return actor;
}
