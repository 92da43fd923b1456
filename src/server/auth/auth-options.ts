import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, servedOverHttps } from "@/config/env";
import { SESSION_ABSOLUTE_LIMIT_MS } from "@/domain/session-policy";
import { currentRequestId } from "@/server/request-id";
import { logFailure } from "@/server/log/log-failure";
import { signInWithPassword } from "./sign-in";
import { endSession, isSessionOpen } from "./sessions";

/** Thrown for the cookie of a session that has ended: next-auth then answers as signed out and clears the cookie. */
class SessionClosedError extends Error {
  constructor() {
    super("The session has ended.");
    this.name = "SessionClosedError";
  }
}

/**
 * next-auth handles the cookie and CSRF; the JWT it signs carries only our session id (`sid`).
 * Everything that decides whether the person is still signed in lives in the database and is
 * checked on each request (see sessions.ts and docs/decisions/003-session-policy.md).
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    useSecureCookies: servedOverHttps(env()),
    session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_LIMIT_MS / 1000 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const userAgent = request?.headers?.["user-agent"];
          const result = await signInWithPassword(
            { email: credentials?.email, password: credentials?.password },
            { requestId: await currentRequestId(), userAgent: typeof userAgent === "string" ? userAgent : null },
          );
          return result.ok ? { id: result.userId, sid: result.sessionId } : null;
        },
      }),
    ],
    callbacks: {
      // With `user` at sign-in; otherwise for the session endpoint, which must not call an ended session open.
      async jwt({ token, user }) {
        if (user && "sid" in user) return { ...token, sid: user.sid as string };
        if (typeof token.sid !== "string" || !(await isSessionOpen(token.sid))) throw new SessionClosedError();
        return token;
      },
      // The browser learns nothing from the session endpoint but that a session exists.
      session({ session }) {
        return { expires: session.expires };
      },
    },
    // One redacted line per failure, as everywhere else; an ended session is not a failure.
    logger: {
      error(code, metadata) {
        if (metadata instanceof SessionClosedError) return;
        const error = metadata instanceof Error ? metadata : new Error(code);
        void currentRequestId().then((requestId) => logFailure(error, { requestId, route: `next-auth ${code}` }));
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") {
          await endSession(token.sid, "SIGN_OUT", { requestId: await currentRequestId() });
        }
      },
    },
  };
}
