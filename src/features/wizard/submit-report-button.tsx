"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/features/ui/error-summary";
import { readApiError } from "@/lib/schemas/api-error";

export function SubmitReportButton({ episodeId, version }: { episodeId: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  return (
    <div>
      <ErrorSummary key={attempt} errors={error ? [{ message: error }] : []} title="The report was not submitted" />
      <button
        type="button"
        disabled={busy}
        className="rounded bg-green-800 px-5 py-2.5 font-semibold text-white hover:bg-green-900 disabled:opacity-70"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const response = await fetch(`/api/episodes/${episodeId}/submit`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ version }),
            });
            if (response.ok) {
              router.push(`/cases/${episodeId}?submitted=1`);
              return;
            }
            const failure = await readApiError(response);
            setError(failure?.error ?? "The report could not be submitted. Try again.");
          } catch {
            setError("The report could not be sent: check the connection and try again.");
          }
          setAttempt((n) => n + 1);
          setBusy(false);
        }}
      >
        {busy ? "Submitting…" : "Submit the report"}
      </button>
    </div>
  );
}
