"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/features/ui/error-summary";
import { readApiError } from "@/lib/schemas/api-error";

/** Records that the changes made since submission were sent to NCMEC and law enforcement. */
export function RecordUpdateSentButton({ episodeId }: { episodeId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="mt-3">
      <ErrorSummary errors={error ? [{ message: error }] : []} title="Not recorded" />
      <button
        type="button"
        disabled={busy}
        className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const response = await fetch(`/api/episodes/${episodeId}/update-sent`, { method: "POST" });
            if (response.ok) {
              router.refresh();
            } else {
              setError((await readApiError(response))?.error ?? "That could not be recorded. Try again.");
            }
          } catch {
            setError("That could not be recorded: check the connection and try again.");
          }
          setBusy(false);
        }}
      >
        {busy ? "Recording…" : "I have sent these changes to NCMEC and law enforcement"}
      </button>
    </div>
  );
}
