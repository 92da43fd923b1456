import "server-only";
import { db } from "@/server/db";
import { redactMessage } from "@/lib/redact-message";
import { logJobEvent } from "@/server/jobs/log-job";
import type { MailTransport } from "./transport";

/** Attempts per e-mail before it is given up (about two hours of tries with the backoff below). */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Wait after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** E-mails sent per run at most; the rest wait for the next run (a minute later at the latest). */
const BATCH = 50;

type OutboxRow = { id: string; toAddress: string; subject: string; text: string; attempts: number };

export type DeliveryResult = { sent: number; failed: number; gaveUp: number };

/**
 * Sends the outbox's unsent e-mails, one row per transaction: the row is locked (FOR UPDATE SKIP
 * LOCKED, so runs in other instances or a second run of the same job take other rows), handed to
 * the SMTP server, and marked sent in the same transaction once the server accepted it. A failure
 * counts the attempt, keeps the error without any address, and sets when to try again; after
 * MAX_DELIVERY_ATTEMPTS the row is left unsent and a log line says so.
 */
export async function deliverOutbox(transport: MailTransport, options: { from: string; now?: () => Date }): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const result: DeliveryResult = { sent: 0, failed: 0, gaveUp: 0 };
  for (let i = 0; i < BATCH; i++) {
    const outcome = await deliverOne(transport, options.from, now);
    if (outcome === "none") break;
    result[outcome]++;
  }
  return result;
}

async function deliverOne(transport: MailTransport, from: string, now: () => Date): Promise<"none" | keyof DeliveryResult> {
  return db().$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<OutboxRow[]>`
        SELECT "id", "toAddress", "subject", "text", "attempts" FROM "OutboxEmail"
         WHERE "sentAt" IS NULL AND "attempts" < ${MAX_DELIVERY_ATTEMPTS}
           AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now()})
         ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!row) return "none";
      try {
        await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.text });
      } catch (error) {
        const attempts = row.attempts + 1;
        const lastError = describeSmtpError(error);
        const at = now();
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: { attempts, lastError, nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)) },
        });
        const gaveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
        logJobEvent(gaveUp ? "error" : "warn", gaveUp ? "email.gave_up" : "email.failed", { outboxId: row.id, attempts, error: lastError });
        return gaveUp ? "gaveUp" : "failed";
      }
      await tx.outboxEmail.update({ where: { id: row.id }, data: { sentAt: now(), attempts: row.attempts + 1, lastError: null, nextAttemptAt: null } });
      return "sent";
    },
    // The row stays locked while the SMTP server answers (transport timeouts: transport.ts).
    { maxWait: 10_000, timeout: 90_000 },
  );
}

/** What went wrong, for the row and the log: the SMTP code and command and the redacted message, never an address. */
function describeSmtpError(error: unknown): string {
  const { code, responseCode, command } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [
    typeof code === "string" && /^[A-Z_]{1,40}$/.test(code) ? code : undefined,
    typeof responseCode === "number" ? String(responseCode) : undefined,
    typeof command === "string" && /^[A-Z ]{1,20}$/.test(command) ? command : undefined,
    redactMessage(error instanceof Error ? error.message : String(error), 200),
  ];
  return parts.filter(Boolean).join(" ");
}
