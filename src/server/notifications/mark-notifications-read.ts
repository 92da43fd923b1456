import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";

/** Marks every unread notice of the person as read (only their own). */
export async function markNotificationsRead(actor: Actor, context: { requestId: string; now?: Date }): Promise<{ count: number }> {
  assertCan(actor, "profile:manage");
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { userId: actor.userId, agencyId: actor.agency.id, readAt: null }, data: { readAt: now } });
    if (count > 0) await audit(tx, auditWho(actor, context.requestId), "notifications.read", { details: { count } });
    return { count };
  });
}
