import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";

/**
 * Marks one of the person's own notifications as read. Another person's (or an unknown id) is not
 * found, whoever's it is; one already read is left as it was and records nothing.
 */
export async function markNotificationRead(actor: Actor, input: { notificationId: string }, context: { requestId: string; now?: Date }): Promise<{ count: number }> {
  assertCan(actor, "profile:manage");
  const now = context.now ?? new Date();
  if (!z.uuid().safeParse(input.notificationId).success) throw new NotFoundError();
  return db().$transaction(async (tx) => {
    const notice = await tx.notification.findFirst({ where: { id: input.notificationId, userId: actor.userId, agencyId: actor.agency.id }, select: { readAt: true } });
    if (!notice) throw new NotFoundError();
    if (notice.readAt) return { count: 0 };
    const { count } = await tx.notification.updateMany({ where: { id: input.notificationId, userId: actor.userId, readAt: null }, data: { readAt: now } });
    if (count > 0) await audit(tx, auditWho(actor, context.requestId), "notifications.read", { details: { count } });
    return { count };
  });
}
