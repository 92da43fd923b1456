import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "./audit";
import { describeAuditEvent } from "./audit-events";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  occurredAt: Date;
  /** The event in words (the catalogue's label and what its details add). */
  text: string;
  outcome: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string;
};

/** The agency's audit trail, newest first, a page at a time. Reading it is itself audited. */
export async function listAuditEvents(
  actor: Actor,
  input: { page: number },
  context: { requestId: string },
): Promise<{ events: AuditEventRow[]; page: number; pageCount: number; total: number }> {
  assertCan(actor, "audit:view");
  const scope = agencyScope(actor);
  return db().$transaction(async (tx) => {
    // One connection per transaction: its queries run one after another.
    const total = await tx.auditEvent.count({ where: scope.where() });
    // A page past the last (or not a page at all) shows the nearest one that exists.
    const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const page = Number.isSafeInteger(input.page) && input.page > 0 ? Math.min(input.page, pageCount) : 1;
    const events = await tx.auditEvent.findMany({
      where: scope.where(),
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    });
    const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
    const actors = await tx.user.findMany({ where: scope.where({ id: { in: actorIds } }), select: { id: true, name: true } });
    const names = new Map(actors.map((a) => [a.id, a.name]));
    await audit(tx, auditWho(actor, context.requestId), "audit.viewed", { details: { page } });
    return {
      page,
      total,
      pageCount,
      events: events.map((e) => ({
        id: e.id.toString(),
        occurredAt: e.occurredAt,
        text: describeAuditEvent(e),
        outcome: e.outcome,
        actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
        targetType: e.targetType,
        targetId: e.targetId,
        requestId: e.requestId,
      })),
    };
  });
}
