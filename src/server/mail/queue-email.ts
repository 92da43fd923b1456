import "server-only";
import { env } from "@/config/env";
import type { Tx } from "@/server/db";
import { sendJobInTransaction } from "@/server/jobs/send-in-transaction";
import { QUEUES } from "@/server/jobs/queues";

export type EmailMessage = {
  /** Unique per effect ("invitation:<tokenId>"): queueing the same key twice sends one e-mail. */
  key: string;
  agencyId: string | null;
  to: string;
  subject: string;
  /** Plain text. Never a child's data; a link carries only a single-use secret. */
  text: string;
};

/** Whether e-mail is configured (SMTP_URL). Without it nothing is queued and links are shown to the admin. */
export function mailEnabled(): boolean {
  return env().SMTP_URL !== undefined;
}

/**
 * Queues an e-mail in the transaction of the change that causes it (an outbox): it is sent only if
 * the change commits, by the delivery job, which retries. Answers whether it was queued.
 */
export async function queueEmail(tx: Tx, message: EmailMessage): Promise<boolean> {
  if (!mailEnabled()) return false;
  await tx.outboxEmail.upsert({
    where: { key: message.key },
    create: { key: message.key, agencyId: message.agencyId, toAddress: message.to, subject: message.subject, text: message.text },
    update: {},
  });
  // Wakes the delivery job once the change commits; the minute's sweep catches anything missed.
  await sendJobInTransaction(tx, QUEUES.deliverEmail.name);
  return true;
}
