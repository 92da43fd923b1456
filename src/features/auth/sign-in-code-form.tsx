"use client";

import { useState } from "react";
import { TextField } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { postJson } from "./post-json";
import { useHydrated } from "@/features/ui/use-hydrated";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SignInCodeForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form when sent, not kept in state: a code typed before the page's script ran is not lost.
    const form = event.currentTarget;
    const code = String(new FormData(form).get("code") ?? "");
    if (code.trim() === "") {
      setError("Enter the code from your authenticator app, or a recovery code");
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const result = await postJson("/api/auth/sign-in-code", { code });
    if (result.ok) {
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(false);
    setError(result.fieldErrors.code ?? result.message);
    form.reset();
    setAttempt((n) => n + 1);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary key={attempt} errors={error ? [{ fieldId: "code", message: error }] : []} title="You could not be signed in" />
      <TextField
        id="code"
        label="Code"
        hint="The 6-digit code your authenticator app shows for Homeward, or one of your recovery codes."
        autoComplete="one-time-code"
        spellCheck={false}
        autoCapitalize="none"
        name="code"
        error={error ?? undefined}
        className="max-w-xs"
      />
      <button type="submit" disabled={busy || !hydrated} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
