"use client";

import { useState } from "react";

export type Delivery = { delivery: "emailed" } | { delivery: "shown"; link: string };

/**
 * What became of a single-use link: "e-mailed", or the link itself, shown this once (it is not
 * kept anywhere readable) with a button to copy it, for the admin to pass on.
 */
export function DeliveredLink({ result, what }: { result: Delivery; what: "invitation" | "password reset" }) {
  const [copied, setCopied] = useState(false);
  if (result.delivery === "emailed") {
    return (
      <div role="status" className="rounded border-2 border-green-800 bg-white p-4">
        <p className="font-semibold">{what === "invitation" ? "Invitation e-mailed." : "Password reset link e-mailed."}</p>
        <p className="mt-1 text-slate-700">The link works once, for 24 hours.</p>
      </div>
    );
  }
  return (
    <div role="status" className="rounded border-2 border-blue-800 bg-white p-4">
      <p className="font-semibold">E-mail is not set up: pass this {what} link on to the person yourself.</p>
      <p className="mt-1 text-slate-700">
        It is shown only this once, works once and for 24 hours. Send it privately (not in a shared channel).
      </p>
      <label htmlFor="account-link" className="mt-3 block font-semibold">
        {what === "invitation" ? "Invitation link" : "Password reset link"}
      </label>
      <input id="account-link" readOnly value={result.link} className="mt-1 block w-full rounded border-2 border-slate-600 bg-slate-50 px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="mt-3 rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
        onClick={async () => {
          await navigator.clipboard.writeText(result.link).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        Copy the link
      </button>
      <p aria-live="polite" className="mt-2 text-slate-700">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}
