import "server-only";
import type { Tx } from "@/server/db";
import { queueEmail } from "@/server/mail/queue-email";
import { claimEffect } from "@/server/jobs/once";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notification-kinds";

/**
 * Tells a person something in the app and, when e-mail is configured, by e-mail, in the caller's
 * transaction. `key` names the effect once ("password.changed:<userId>:<instant>"), so a job that
 * runs twice tells them once. Details hold ids only.
 */
export async function notifyUser(
  tx: Tx,
  input: { key: string; agencyId: string; userId: string; kind: NotificationKind; details?: Record<string, string> },
): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true } });
  const words = NOTIFICATION_KINDS[input.kind];
  if (!(await claimEffect(tx, `notify:${input.key}`))) return;
  await tx.notification.create({ data: { agencyId: input.agencyId, userId: input.userId, kind: input.kind, details: input.details ?? {} } });
  await queueEmail(tx, { key: `notify:${input.key}`, agencyId: input.agencyId, to: user.email, subject: words.title, text: words.text });
}
