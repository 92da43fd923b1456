"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { readApiError } from "@/lib/schemas/api-error";

export function RemovePhotoButton({ episodeId, photoId, label }: { episodeId: string; photoId: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="rounded border-2 border-slate-600 px-3 py-1.5"
        onClick={async () => {
          setError(null);
          const response = await fetch(`/api/episodes/${episodeId}/photos/${photoId}`, { method: "DELETE" }).catch(() => null);
          if (response?.status === 204) {
            router.refresh();
            return;
          }
          const failure = response ? await readApiError(response) : null;
          setError(failure?.error ?? "The photo could not be removed. Try again.");
        }}
      >
        Remove {label}
      </button>
      {error ? (
        <p role="alert" className="mt-1 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
