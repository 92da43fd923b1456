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
import { can, type Permission } from "./permissions";

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

/** For pages: sends a signed-out person to sign-in, answers 403 to a role without the permission. */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  let actor: Actor;
  try {
    actor = await currentActor();
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      redirect(error.reason === "idle" || error.reason === "expired" ? `/sign-in?reason=${error.reason}` : "/sign-in");
    }
    throw error;
  }
  if (permission && !can(actor.role, permission)) forbidden();
  return actor;
}
