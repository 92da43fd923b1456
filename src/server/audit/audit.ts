import "server-only";
import type { Tx } from "@/server/db";
import { AUDIT_EVENTS, type AuditAction, type AuditDetails } from "./audit-events";

/** Who did it and in which request: an actor (signed in), or a user and agency known otherwise (sign-in). */
export type AuditWho = { requestId: string; userId: string | null; agencyId: string | null };

export type AuditEvent<A extends AuditAction> = {
  outcome?: "SUCCESS" | "FAILURE" | "DENIED";
  target?: { type: "Episode" | "Child" | "User" | "UserSession" | "Team" | "Agency" | "AccountToken"; id: string };
  // `{} extends T` holds when T has no required field: then the details may be left out.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
} & ({} extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> });

/** The audit fields of a signed-in actor in one request. */
export function auditWho(actor: { userId: string; agency: { id: string } }, requestId: string): AuditWho {
  return { requestId, userId: actor.userId, agencyId: actor.agency.id };
}

/**
 * Appends one event inside the caller's transaction: if the audit write fails, the change it
 * describes is rolled back with it. Its details are checked against the catalogue's schema.
 */
export async function audit<A extends AuditAction>(tx: Tx, who: AuditWho, action: A, event: AuditEvent<A>): Promise<void> {
  const details = AUDIT_EVENTS[action].details.parse(event.details ?? {});
  // One plain INSERT: the ORM's create spent more JavaScript per page view than its statement took, and returned the row, unused.
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("occurredAt", "action", "outcome", "requestId", "actorUserId", "agencyId", "targetType", "targetId", "details")
    VALUES (${new Date()}, ${action}, ${event.outcome ?? "SUCCESS"}::"AuditOutcome", ${who.requestId}, ${who.userId}::uuid, ${who.agencyId}::uuid,
            ${event.target?.type ?? null}, ${event.target?.id ?? null}, ${JSON.stringify(details)}::jsonb)`;
}
