import "server-only";
import { publicOrigin } from "@/config/env";
import type { Tx } from "@/server/db";
import { queueEmail } from "@/server/mail/queue-email";
import { claimEffect } from "@/server/jobs/once";
import { notificationEmail, type NotificationDetails, type NotificationKind } from "./notification-kinds";

/**
 * Tells a person something in the app and, when e-mail is configured, by e-mail, in the caller's
 * transaction. `key` names the effect once ("password.changed:<userId>:<instant>"), so a job that
 * runs twice tells them once. Details hold ids, codes and ISO instants only: the words are built
 * from them when shown, and for the e-mail here, in the agency's time zone.
 */
export async function notifyUser(tx: Tx, input: { key: string; agencyId: string; userId: string; kind: NotificationKind; details?: NotificationDetails }): Promise<void> {
  if (!(await claimEffect(tx, `notify:${input.key}`))) return;
  const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, agency: { select: { timeZone: true } } } });
  const details = input.details ?? {};
  await tx.notification.create({ data: { agencyId: input.agencyId, userId: input.userId, kind: input.kind, details } });
  const email = notificationEmail(input.kind, details, { timeZone: user.agency.timeZone, origin: publicOrigin() });
  await queueEmail(tx, { key: `notify:${input.key}`, agencyId: input.agencyId, to: user.email, ...email });
}
