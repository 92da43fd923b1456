import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { ZAuditActionSchema, type TAuditAction } from "./audit-actions";

export type AuditEntry = {
  action: TAuditAction;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  requestId: string;
  actorUserId?: string | null;
  agencyId?: string | null;
  target?: { type: string; id: string };
  details?: Prisma.InputJsonValue;
};

/**
 * Appends one event, inside the caller's transaction: if the audit write fails, the change it
 * describes is rolled back with it. Never pass names, dates of birth or other identifying
 * details of a child in `details`; ids are enough.
 */
export async function recordAuditEvent(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: ZAuditActionSchema.parse(entry.action),
      outcome: entry.outcome,
      requestId: entry.requestId,
      actorUserId: entry.actorUserId ?? null,
      agencyId: entry.agencyId ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details,
    },
  });
}
