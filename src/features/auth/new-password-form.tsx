"use client";

import { useState } from "react";
import { TextField } from "@/features/ui/fields";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { postJson, type PostResult } from "./post-json";
import { useHydrated } from "@/features/ui/use-hydrated";

export const PASSWORD_HINT = (minimum: number) =>
  `At least ${minimum} characters. Any characters, spaces included: a phrase of a few words you will remember works well. Not a common password, your name or your email address.`;

/**
 * A new password typed twice. `send` posts it (with whatever else the page needs); `onDone` runs
 * when the server took it. Field errors come back from the server, which applies the rules.
 */
export function NewPasswordForm({
  minimum,
  send,
  onDone,
  submitLabel,
  withCurrent = false,
}: {
  minimum: number;
  send: (values: { password: string; confirmation: string; currentPassword?: string }) => Promise<PostResult>;
  onDone: (result: PostResult & { ok: true }) => void;
  submitLabel: string;
  withCurrent?: boolean;
}) {
  const [values, setValues] = useState({ currentPassword: "", password: "", confirmation: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (withCurrent && values.currentPassword === "") local.currentPassword = "Enter your current password";
    if (values.password === "") local.password = "Enter a new password";
    else if (values.confirmation !== values.password) local.confirmation = "The two passwords are not the same: type the new password again";
    setFailure(null);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const result = await send(withCurrent ? values : { password: values.password, confirmation: values.confirmation });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setValues({ currentPassword: "", password: "", confirmation: "" });
      onDone(result);
      return;
    }
    setErrors(result.fieldErrors);
    if (Object.keys(result.fieldErrors).length === 0) setFailure(result.message);
    setAttempt((n) => n + 1);
  }

  const prefix = submitLabel.replace(/\W+/g, "-").toLowerCase();
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([field, message]) => ({ fieldId: `${prefix}-${field}`, message })),
    ...(failure ? [{ message: failure }] : []),
  ];
  const set = (field: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary key={attempt} errors={summary} />
      {withCurrent ? (
        <TextField
          id={`${prefix}-currentPassword`}
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set("currentPassword")}
          error={errors.currentPassword}
        />
      ) : null}
      <TextField
        id={`${prefix}-password`}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT(minimum)}
        value={values.password}
        onChange={set("password")}
        error={errors.password}
      />
      <TextField
        id={`${prefix}-confirmation`}
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={values.confirmation}
        onChange={set("confirmation")}
        error={errors.confirmation}
      />
      <button type="submit" disabled={busy || !hydrated} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}

/** At sign-in, when an admin asked for a new password. */
export function RequiredPasswordForm({ minimum, callbackUrl }: { minimum: number; callbackUrl: string }) {
  return (
    <NewPasswordForm
      minimum={minimum}
      submitLabel="Save the new password"
      send={(values) => postJson("/api/auth/new-password", values)}
      onDone={() => {
        const next = new URL("/sign-in/code", window.location.origin);
        next.searchParams.set("callbackUrl", callbackUrl);
        window.location.assign(next);
      }}
    />
  );
}
