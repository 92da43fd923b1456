import type { Metadata } from "next";
import { SignInForm } from "@/features/auth/sign-in-form";
import { ForgetLocalCopies } from "@/features/shell/forget-local-copies";
import { safeCallback } from "@/lib/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  idle: "You were signed out after 30 minutes without activity.",
  expired: "You were signed out because you signed in more than 12 hours ago.",
  ended: "You have been signed out.",
};

/** What became of what the person had typed, as the signed-in page found out before it left (src/features/shell/session-timer.tsx). */
const WORK: Record<string, string> = {
  kept: "What you had typed was kept as a draft.",
  "not-sent": "Your last changes could not be saved as a draft, and for privacy they were not kept on this device; what was saved before then is kept.",
};

/** The words for a query parameter's value, when it is one of ours ("constructor" is not). */
function wordsFor(words: Record<string, string>, value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && Object.hasOwn(words, value) ? words[value] : undefined;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const ended = wordsFor(REASONS, params.reason);
  const work = ended ? wordsFor(WORK, params.work) : undefined;
  const reason = ended ? [ended, work, "Sign in again to continue."].filter(Boolean).join(" ") : undefined;
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-12">
      <ForgetLocalCopies />
      <p className="text-lg font-bold text-blue-900">Homeward</p>
      <h1 className="mt-2 text-3xl font-bold">Sign in</h1>
      <p className="mt-2 text-slate-700">Use the email address and password your agency gave you.</p>
      {reason ? (
        <p role="status" className="mt-4 rounded border-l-4 border-blue-800 bg-blue-50 p-3">
          {reason}
        </p>
      ) : null}
      <div className="mt-6">
        <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
      </div>
    </main>
  );
}
