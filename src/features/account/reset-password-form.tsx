"use client";

import { useState } from "react";
import { NewPasswordForm } from "@/features/auth/new-password-form";
import { postJson } from "@/features/auth/post-json";
import { MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR } from "@/domain/password-policy";
import { NO_SECRET_MESSAGE, useLinkSecret } from "./link-secret";

/** A new password from a reset link. */
export function ResetPasswordForm() {
  const secret = useLinkSecret();
  const [done, setDone] = useState(false);
  if (secret === undefined) return <p>Loading…</p>;
  if (secret === null) return <p role="alert" className="rounded border-l-4 border-red-700 bg-white p-3 font-semibold text-red-800">{NO_SECRET_MESSAGE}</p>;
  if (done) {
    return (
      <div role="status" className="rounded border-l-4 border-green-800 bg-white p-3">
        <p className="font-semibold">Your password was changed.</p>
        <p className="mt-1">Every browser that was signed in to your account has been signed out.</p>
        <a href="/sign-in" className="mt-3 inline-block font-semibold text-blue-800 underline">
          Sign in with the new password
        </a>
      </div>
    );
  }
  return (
    <NewPasswordForm
      minimum={MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR}
      submitLabel="Change the password"
      send={(values) => postJson("/api/auth/reset-password", { ...values, secret })}
      onDone={() => setDone(true)}
    />
  );
}
