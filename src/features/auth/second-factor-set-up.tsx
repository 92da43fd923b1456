"use client";

import { useState } from "react";
import { TextField } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { RecoveryCodes } from "./recovery-codes";
import { ZRecoveryCodesSchema } from "@/lib/schemas/account";
import type { PostResult } from "./post-json";
import { useHydrated } from "@/features/ui/use-hydrated";

export type SetUpView = { qrCode: string; secretText: string; pending: string };

/**
 * Setting up an authenticator app: a QR code, the same key as text for typing in, then a code
 * from the app to confirm it; the recovery codes follow, shown once. `confirm` sends the sealed
 * key and the code; `after` is what the person may do once they have their codes.
 */
export function SecondFactorSetUp({
  setUp,
  confirm,
  after,
  submitLabel = "Confirm and turn on",
}: {
  setUp: SetUpView;
  confirm: (body: { pending: string; code: string }) => Promise<PostResult>;
  after: React.ReactNode;
  submitLabel?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes}>{after}</RecoveryCodes>;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form when sent, not kept in state: a code typed before the page's script ran is not lost.
    const typed = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s/g, "");
    if (!/^\d{6}$/.test(typed)) {
      setError("Enter the 6-digit code your app shows, without spaces");
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const result = await confirm({ pending: setUp.pending, code: typed });
    setBusy(false);
    if (!result.ok) {
      setError(result.fieldErrors.code ?? result.message);
      setAttempt((n) => n + 1);
      return;
    }
    const answer = ZRecoveryCodesSchema.safeParse(result.body);
    setRecoveryCodes(answer.success ? answer.data.recoveryCodes : []);
  }

  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-4 pl-5">
        <li>
          <p>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and add an account.</p>
        </li>
        <li>
          <p>Scan this QR code with the app:</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL, made on the server */}
          <img
            src={setUp.qrCode}
            width={200}
            height={200}
            alt="QR code that adds Homeward to an authenticator app. If you cannot scan it, type the key shown below it instead."
            className="mt-2 border border-slate-400 bg-white"
          />
          <p className="mt-2">Or type this key into the app (spaces do not matter):</p>
          <p className="mt-1 break-all font-mono text-lg" data-testid="totp-key">
            {setUp.secretText}
          </p>
        </li>
        <li>
          <p>Enter the 6-digit code the app now shows for Homeward.</p>
        </li>
      </ol>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
        <ErrorSummary key={attempt} errors={error ? [{ fieldId: "set-up-code", message: error }] : []} />
        <TextField
          id="set-up-code"
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          name="code"
          error={error ?? undefined}
          className="max-w-xs"
        />
        <button type="submit" disabled={busy || !hydrated} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
          {busy ? "Checking…" : submitLabel}
        </button>
      </form>
    </div>
  );
}
