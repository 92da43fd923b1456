"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { readApiError } from "@/lib/schemas/api-error";

/** Ends the user's sign-in lock now, instead of when its 15 minutes run out. */
export function UnlockAccountButton({ userId }: { userId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function unlock() {
    setBusy(true);
    setError(null);
    const response = await fetch(`/api/admin/users/${userId}/unlock`, { method: "POST" }).catch(() => null);
    setBusy(false);
    if (response?.status === 204) {
      router.refresh();
      return;
    }
    const failure = response ? await readApiError(response) : null;
    setError(failure?.error ?? "The account could not be unlocked. Try again.");
  }

  return (
    <div className="mt-6">
      <button
        type="button"
        disabled={busy}
        onClick={() => void unlock()}
        className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70"
      >
        {busy ? "Unlocking…" : "Unlock the account now"}
      </button>
      <p className="mt-2 max-w-prose text-slate-700">They can then sign in again at once; the unlock is recorded in the audit trail.</p>
      {error ? (
        <p role="alert" className="mt-2 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
