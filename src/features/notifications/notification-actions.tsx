"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { UNREACHABLE_MESSAGE } from "@/features/auth/post-json";
import { readApiError } from "@/lib/schemas/api-error";

const secondaryClass = "rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50 disabled:opacity-70";

/**
 * A button that marks as read (one notification or all), then brings the page and the header's
 * count up to date. Focus goes to `focusId` first (the notification's heading, which stays on the
 * page), so that a keyboard user is not sent back to the top when the button goes away.
 */
function MarkReadButton({ path, label, name, busyLabel, focusId }: { path: string; label: string; name?: string; busyLabel: string; focusId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function act() {
    setBusy(true);
    setError(null);
    const response = await fetch(path, { method: "POST" }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      document.getElementById(focusId)?.focus();
      router.refresh();
      return;
    }
    setError(response ? ((await readApiError(response))?.error ?? "That did not work. Try again.") : UNREACHABLE_MESSAGE);
  }
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void act()} className={secondaryClass} aria-label={busy ? undefined : name}>
        {busy ? busyLabel : label}
      </button>
      {error ? (
        <p role="alert" className="mt-2 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function MarkAllNotificationsRead() {
  return <MarkReadButton path="/api/account/notifications/read" label="Mark all as read" busyLabel="Marking…" focusId="notifications-title" />;
}

/**
 * Mark one as read. Its name says which, after the words it shows (so that speaking "Mark as read"
 * still finds it), for a screen reader's list of buttons.
 */
export function MarkNotificationRead({ id, title, headingId }: { id: string; title: string; headingId: string }) {
  return <MarkReadButton path={`/api/account/notifications/${id}/read`} label="Mark as read" name={`Mark as read: ${title}`} busyLabel="Marking…" focusId={headingId} />;
}
