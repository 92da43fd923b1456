import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { detailsOf, isNotificationKind, notificationWords } from "./notification-kinds";

export type UnreadNotice = { id: string; title: string; text: string; createdAt: Date };

/** The person's unread notices, newest first, in the catalogue's words (a kind this version does not know is skipped). */
export async function listUnreadNotifications(actor: Actor, limit = 20): Promise<UnreadNotice[]> {
  const rows = await db().notification.findMany({
    where: { userId: actor.userId, agencyId: actor.agency.id, readAt: null },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, details: true, createdAt: true },
  });
  return rows.flatMap((row) =>
    isNotificationKind(row.kind) ? [{ id: row.id, ...notificationWords(row.kind, detailsOf(row.details), { timeZone: actor.agency.timeZone }), createdAt: row.createdAt }] : [],
  );
}
