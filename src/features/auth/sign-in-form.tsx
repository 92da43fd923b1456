"use client";

import { TextField } from "@/features/ui/fields";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { lazyResolver, onFirstUse } from "@/features/ui/lazy-resolver";
import type { TSignIn } from "@/lib/schemas/sign-in";
import { postSignIn, signInFailureMessage } from "./sign-in-failure";
import { useHydrated } from "@/features/ui/use-hydrated";

/** The form's checks, loaded after the page (src/features/ui/lazy-resolver.ts). */
const validation = lazyResolver<TSignIn>(() =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/sign-in")]).then(([{ zodResolver }, { ZSignInSchema }]) => zodResolver(ZSignInSchema)),
);

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  // Each failed attempt remounts the summary, so focus moves to it again.
  const [attempt, setAttempt] = useState(0);
  const hydrated = useHydrated();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TSignIn>({ resolver: validation.resolver, defaultValues: { email: "", password: "" } });
  useEffect(() => onFirstUse(validation.preload), []);

  async function onSubmit(values: TSignIn) {
    setFailure(null);
    const message = signInFailureMessage(await postSignIn(values));
    if (message) {
      setFailure(message);
      setAttempt((n) => n + 1);
      return;
    }
    // A full navigation, so the server renders the signed-in shell with fresh data; the code page
    // sends the person on to whatever step of signing in is left, then to where they were going.
    window.location.assign(codePageUrl(callbackUrl));
  }

  const summary: SummaryError[] = [
    ...(errors.email?.message ? [{ fieldId: "email", message: errors.email.message }] : []),
    ...(errors.password?.message ? [{ fieldId: "password", message: errors.password.message }] : []),
    ...(failure ? [{ message: failure }] : []),
  ];

  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-5">
      <ErrorSummary key={attempt} errors={summary} title={failure ? "You could not be signed in" : "There is a problem"} />
      <TextField
        id="email"
        label="Email address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        error={errors.email?.message}
        {...register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <button
        type="submit"
        disabled={isSubmitting || !hydrated}
        className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70"
      >
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** The code step's address, built as a URL so the destination is always this origin's page. */
function codePageUrl(callbackUrl: string): URL {
  const url = new URL("/sign-in/code", window.location.origin);
  url.searchParams.set("callbackUrl", callbackUrl);
  return url;
}
