"use client";

import { useState } from "react";
import { TextField } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { postJson } from "./post-json";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SignInCodeForm({ callbackUrl }: { callbackUrl: string }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
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
    setCode("");
    setAttempt((n) => n + 1);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary key={attempt} errors={error ? [{ fieldId: "code", message: error }] : []} title="You could not be signed in" />
      <TextField
        id="code"
        label="Code"
        hint="The 6-digit code your authenticator app shows for Homeward, or one of your recovery codes."
        autoComplete="one-time-code"
        spellCheck={false}
        autoCapitalize="none"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={error ?? undefined}
        className="max-w-xs"
      />
      <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
