import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { currentRequestId } from "@/server/request-id";
import { listNotifications } from "@/server/notifications/list-notifications";
import { mailEnabled } from "@/server/mail/queue-email";
import { formatInstant } from "@/lib/format-time";
import { Pagination } from "@/features/ui/pagination";
import { MarkAllNotificationsRead, MarkNotificationRead } from "@/features/notifications/notification-actions";

export const metadata: Metadata = { title: "Notifications" };

/** The person's own notifications, newest first: reminders of deadlines, reviews, account notices. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor("/notifications");
  const search = await searchParams;
  const { rows, total, unread, page, pageCount } = await listNotifications(actor, { page: Number(search.page ?? "1") }, { requestId: await currentRequestId() });
  const zone = actor.agency.timeZone;

  return (
    <div className="space-y-6">
      <h1 id="notifications-title" tabIndex={-1} className="text-3xl font-bold">
        Notifications
      </h1>
      {mailEnabled() ? (
        <p>Each notification is also sent to {actor.email}, without the child&apos;s name or anything else personal: sign in to read the details.</p>
      ) : (
        <p className="rounded border-l-4 border-slate-700 bg-slate-100 p-3">
          <span className="font-semibold">E-mail is off.</span> This installation of Homeward sends no e-mail, so reminders of deadlines reach you only here and in
          the count at the top of every page.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <p>
          {total === 0 ? "You have no notifications." : `${unread} unread of ${total} ${total === 1 ? "notification" : "notifications"}.`}
        </p>
        {unread > 0 ? <MarkAllNotificationsRead /> : null}
      </div>
      {rows.length > 0 ? (
        <ul className="space-y-3" aria-labelledby="notifications-title">
          {rows.map((row) => {
            const headingId = `notification-${row.id}`;
            return (
              <li key={row.id} className={`rounded border-l-4 bg-white p-3 ${row.readAt ? "border-slate-400" : "border-blue-800"}`}>
                <h2 id={headingId} tabIndex={-1} className="text-lg font-semibold">
                  {/* Read or unread in words, not by the border's colour alone. */}
                  <span className={row.readAt ? "font-normal text-slate-700" : ""}>{row.readAt ? "Read: " : "Unread: "}</span>
                  {row.title}
                </h2>
                <p className="mt-1">{row.text}</p>
                <p className="mt-1 text-sm text-slate-700">
                  <time dateTime={row.createdAt.toISOString()}>{formatInstant(row.createdAt, zone)}</time>
                </p>
                {row.episodeId || !row.readAt ? (
                  <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
                    {row.episodeId ? (
                      // Named with the notification's title after the words it shows: every item has this link.
                      <Link href={`/cases/${row.episodeId}`} aria-label={`Open the case: ${row.title}`} className="font-semibold text-blue-800 underline">
                        Open the case
                      </Link>
                    ) : null}
                    {row.readAt ? null : <MarkNotificationRead id={row.id} title={row.title} headingId={headingId} />}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {pageCount > 1 ? <Pagination label="Pages of notifications" page={page} pageCount={pageCount} hrefFor={(p) => `/notifications?page=${p}`} /> : null}
    </div>
  );
}
