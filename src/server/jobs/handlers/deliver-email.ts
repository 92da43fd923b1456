import "server-only";
import { env } from "@/config/env";
import { deliverOutbox } from "@/server/mail/deliver-outbox";
import { mailTransport } from "@/server/mail/transport";
import { logJobEvent } from "@/server/jobs/log-job";

/**
 * Sends what the outbox holds. Woken by each queued e-mail and swept every minute; a second run at
 * the same time takes other rows or none (deliver-outbox.ts), so running twice sends nothing twice.
 */
export async function deliverEmailJob(): Promise<void> {
  const transport = mailTransport();
  if (!transport) return;
  const result = await deliverOutbox(transport, { from: env().MAIL_FROM });
  if (result.sent + result.failed + result.gaveUp > 0) logJobEvent("info", "email.delivered", result);
}
