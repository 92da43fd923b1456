import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { detailsOf, isNotificationKind, notificationWords } from "./notification-kinds";

export const NOTIFICATION_PAGE_SIZE = 20;

export type NotificationRow = {
  id: string;
  title: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
  /** The episode it is about, for the link to the case; null when it is about no episode. */
  episodeId: string | null;
};

const episodeIdOf = z.object({ episodeId: z.uuid() });

/**
 * The person's own notifications, read and unread, newest first, a page at a time, in words built
 * for the agency's time zone. A kind this version does not know is shown in general words rather
 * than dropped, so the pages' counts stay true. Audited like the other lists (a view of a page).
 */
export async function listNotifications(
  actor: Actor,
  input: { page: number },
  context: { requestId: string },
): Promise<{ rows: NotificationRow[]; total: number; unread: number; page: number; pageCount: number }> {
  assertCan(actor, "profile:manage");
  const mine = { userId: actor.userId, agencyId: actor.agency.id };
  return db().$transaction(async (tx) => {
    const [total, unread] = await Promise.all([tx.notification.count({ where: mine }), tx.notification.count({ where: { ...mine, readAt: null } })]);
    const pageCount = Math.max(1, Math.ceil(total / NOTIFICATION_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page) || 1), pageCount);
    const rows = await tx.notification.findMany({
      where: mine,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATION_PAGE_SIZE,
      take: NOTIFICATION_PAGE_SIZE,
      select: { id: true, kind: true, details: true, createdAt: true, readAt: true },
    });
    await audit(tx, auditWho(actor, context.requestId), "notifications.listed", { details: { page, results: rows.length, unread } });
    return {
      total,
      unread,
      page,
      pageCount,
      rows: rows.map((row) => {
        const details = detailsOf(row.details);
        const words = isNotificationKind(row.kind)
          ? notificationWords(row.kind, details, { timeZone: actor.agency.timeZone })
          : { title: "A notification", text: "Open your cases in Homeward to see what is new." };
        const about = episodeIdOf.safeParse(details);
        return { id: row.id, ...words, createdAt: row.createdAt, readAt: row.readAt, episodeId: about.success ? about.data.episodeId : null };
      }),
    };
  });
}
