import "server-only";
import { Prisma, type AuditOutcome } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "./audit";
import { describeAuditEvent } from "./audit-events";
import { auditFilterSql, recordedFilters, type AuditFilters } from "./audit-filters";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  occurredAt: Date;
  /** The event in words (the catalogue's label and what its details add). */
  text: string;
  outcome: AuditOutcome;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string;
};

type EventRow = { id: bigint; occurredAt: Date; action: string; outcome: AuditOutcome; actorUserId: string | null; targetType: string | null; targetId: string | null; requestId: string; details: unknown };

/**
 * One page of the agency's trail, keyset-paged by id: newest first, `id < before` for older events,
 * `id > after` for newer ones. Every filter is an equality or a range on a column of one of the
 * (agencyId, …, id) indexes, so a page is an index range read however long the trail is.
 */
export function auditPageSql(agencyId: string, filters: AuditFilters, timeZone: string, limit: number): Prisma.Sql {
  const newer = filters.after !== undefined && filters.before === undefined;
  const cursor = filters.before ? Prisma.sql`AND "id" < ${BigInt(filters.before)}` : newer ? Prisma.sql`AND "id" > ${BigInt(filters.after!)}` : Prisma.empty;
  const direction = newer ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  // The agency as a range of one value, and first in the order: with "agencyId" = X the planner
  // treats the agency as a constant and may walk the whole table's primary key backwards, filtering
  // out the other agencies' events (5,176 buffers at 100,000 events when the agency's newest event
  // is far back). Ordered by (agencyId, id), only the (agencyId, …, id) indexes give the order.
  return Prisma.sql`
    SELECT "id", "occurredAt", "action", "outcome", "actorUserId", "targetType", "targetId", "requestId", "details"
    FROM "AuditEvent"
    WHERE "agencyId" >= ${agencyId}::uuid AND "agencyId" <= ${agencyId}::uuid AND ${auditFilterSql(filters, timeZone)} ${cursor}
    ORDER BY "agencyId" ${direction}, "id" ${direction}
    LIMIT ${limit}`;
}

/** Events of a page, newest first, in words and with who did them. */
export async function readAuditPage(tx: Tx, actor: Actor, filters: AuditFilters, limit: number): Promise<{ events: AuditEventRow[]; more: boolean }> {
  const scope = agencyScope(actor);
  const rows = await tx.$queryRaw<EventRow[]>(auditPageSql(scope.agencyId, filters, actor.agency.timeZone, limit + 1));
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (filters.after !== undefined && filters.before === undefined) page.reverse();
  const actorIds = [...new Set(page.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
  const actors = await tx.user.findMany({ where: scope.where({ id: { in: actorIds } }), select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return {
    more,
    events: page.map((e) => ({
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
}

/**
 * The agency's audit trail, newest first, filtered by person, action, record and date range, a
 * page at a time. `older` / `newer` are the cursors of the next pages (null at either end). Reading
 * it is itself audited.
 */
export async function listAuditEvents(
  actor: Actor,
  // A page number from before keyset paging is ignored: the cursors are `before` and `after`.
  filters: AuditFilters & { page?: number },
  context: { requestId: string },
): Promise<{ events: AuditEventRow[]; older: string | null; newer: string | null }> {
  assertCan(actor, "audit:view");
  return db().$transaction(async (tx) => {
    const { events, more } = await readAuditPage(tx, actor, filters, AUDIT_PAGE_SIZE);
    const goingNewer = filters.after !== undefined && filters.before === undefined;
    const first = events[0]?.id ?? null;
    const last = events.at(-1)?.id ?? null;
    // Going older, there are newer events when a cursor brought us here; going newer, older ones always.
    const older = goingNewer ? last : more ? last : null;
    const newer = goingNewer ? (more ? first : null) : filters.before !== undefined ? first : null;
    await audit(tx, auditWho(actor, context.requestId), "audit.searched", { details: { filters: recordedFilters(filters), results: events.length, more } });
    return { events, older, newer };
  });
}
