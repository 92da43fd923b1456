import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/auth-options";
import { limitSignInAttempts } from "@/server/auth/limit-sign-in-attempts";
import { clientAddressKey } from "@/server/rate-limit/client-address";
import { RateLimitedError, tooManyRequests } from "@/server/rate-limit/rate-limit";
import { currentRequestId } from "@/server/request-id";
import { env } from "@/config/env";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context) {
  const [action, provider] = (await context.params).nextauth;
  if (action === "callback" && provider === "credentials") {
    // next-auth answers anything but the sign-in form's POST here with a server error.
    if (request.method !== "POST") {
      return Response.json({ error: "Sign in from the sign-in page: this address only accepts the sign-in form." }, { status: 405, headers: { Allow: "POST" } });
    }
    try {
      await limitSignInAttempts(clientAddressKey(request.headers, env().NEXTAUTH_SECRET ?? ""), { requestId: await currentRequestId() });
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      // next-auth's signIn() gives the form the `error` of the answer's url; the form shows it.
      const url = new URL("/sign-in", request.url);
      url.searchParams.set("error", error.message);
      return tooManyRequests(error, { url: url.href, error: error.message });
    }
  }
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
