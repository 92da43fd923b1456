"use client";

import { useRouter } from "next/navigation";
import { usePageAction } from "@/features/ui/use-page-action";

const secondaryClass = "rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50 disabled:opacity-70";

/**
 * A button that marks as read (one notification or all), then brings the page and the header's
 * count up to date. Focus goes to `focusId` first (the notification's heading, which stays on the
 * page), so that a keyboard user is not sent back to the top when the button goes away.
 */
function MarkReadButton({ path, label, name, busyLabel, focusId }: { path: string; label: string; name?: string; busyLabel: string; focusId: string }) {
  const router = useRouter();
  const { busy, error, run } = usePageAction();
  // Focus first, then the refresh: the button goes away with the read notification.
  const act = () =>
    run(path, {
      onDone: () => {
        document.getElementById(focusId)?.focus();
        router.refresh();
      },
    });
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
