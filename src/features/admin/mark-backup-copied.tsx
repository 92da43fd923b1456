"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { adminRequest } from "./admin-request";

/** "I copied this backup off the machine": the admin's word that a backup now exists elsewhere. */
export function MarkBackupCopied({ backupId, takenAtText }: { backupId: string; takenAtText: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <button
        type="button"
        disabled={busy}
        className="rounded border-2 border-blue-800 px-3 py-1 font-semibold text-blue-900 hover:bg-blue-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60"
        aria-label={`Mark as copied off this machine: the backup of ${takenAtText}`}
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          const answer = await adminRequest("POST", `/api/admin/backups/${backupId}/copied`, { copied: true });
          setBusy(false);
          if (answer.ok) router.refresh();
          else setProblem(answer.error);
        }}
      >
        Mark as copied off this machine
      </button>
      {problem ? (
        <p role="alert" className="mt-1 font-semibold text-red-800">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
