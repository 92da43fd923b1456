"use client";

import { usePageAction } from "@/features/ui/use-page-action";

/** Ends the user's sign-in lock now, instead of when its 15 minutes run out. */
export function UnlockAccountButton({ userId }: { userId: string }) {
  const { busy, error, run } = usePageAction("The account could not be unlocked. Try again.");
  const unlock = () => run(`/api/admin/users/${userId}/unlock`);

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
