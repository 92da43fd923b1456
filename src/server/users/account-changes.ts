import "server-only";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho, type AuditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { leavesNoActiveAdmin, type PersonStanding } from "@/domain/last-admin";
import { loadAgencyPerson, type AgencyPerson } from "./load-agency-person";

/**
 * What the people and team use cases share: the agency's lock, the last-admin rule, refusals that
 * are audited although the change is rolled back, and the opening of an admin's change to one person.
 */

/**
 * Locks the agency's row for the rest of the transaction: changes to its people and teams run one
 * at a time, so two admins removing each other's ADMIN at once cannot both succeed.
 */
export async function lockAgency(tx: Tx, agencyId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
}

type RefusedChange = "invite" | "update" | "deactivate" | "resend-invitation" | "reassign";
type UserRefusalReason = "last-admin" | "self" | "email-in-use" | "not-invited" | "inactive" | "not-a-caseworker" | "no-team";
type TeamRefusalReason = "name-in-use" | "not-empty" | "not-a-supervisor";

/** What the audit trail records of a refusal: a change to a person, or to a team. */
export type Refusal = { area: "user"; change: RefusedChange; reason: UserRefusalReason } | { area: "team"; reason: TeamRefusalReason };

/**
 * A change the admin asked for that a rule refuses (422, nothing changed). It carries what the
 * audit trail records; `withRefusalAudited` writes it after the change's transaction rolled back.
 */
export class RefusedChangeError extends ValidationError {
  constructor(
    readonly refusal: Refusal,
    readonly target: { type: "User" | "Team"; id: string } | null,
    fieldErrors: Record<string, string>,
    message: string,
  ) {
    super(fieldErrors, message);
    this.name = "RefusedChangeError";
  }
}

/** Runs the work; a refusal by a rule is recorded (DENIED) in a transaction of its own, then thrown on. */
export async function withRefusalAudited<T>(who: AuditWho, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RefusedChangeError) {
      const { refusal } = error;
      const target = error.target ?? undefined;
      await db().$transaction(async (tx) => {
        if (refusal.area === "team") {
          await audit(tx, who, "team.change_refused", { outcome: "DENIED", target, details: { reason: refusal.reason } });
        } else {
          await audit(tx, who, "user.change_refused", { outcome: "DENIED", target, details: { change: refusal.change, reason: refusal.reason } });
        }
      });
    }
    throw error;
  }
}

/**
 * The opening of an admin's change to one person: the actor may manage users, and the work runs in
 * one transaction on the person (of the admin's agency, row locked; anyone else is not found), after
 * the agency's lock when `lockAgency` is set. A refusal by a rule is audited.
 */
export async function changeAgencyPerson<T>(
  actor: Actor,
  userId: string,
  options: { requestId: string; lockAgency: boolean },
  work: (tx: Tx, person: AgencyPerson, who: AuditWho) => Promise<T>,
): Promise<T> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const who = auditWho(actor, options.requestId);
  return withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      if (options.lockAgency) await lockAgency(tx, scope.agencyId);
      return work(tx, await loadAgencyPerson(tx, scope.agencyId, userId), who);
    }),
  );
}

export const LAST_ADMIN_MESSAGE = "This is the agency's last active admin. Make someone else an admin first.";

/** Refuses a change that would leave the agency (locked by the caller) with no active admin. */
export async function assertKeepsAnAdmin(tx: Tx, agencyId: string, after: PersonStanding, change: "update" | "deactivate"): Promise<void> {
  const people = await tx.user.findMany({ where: { agencyId, roles: { has: "ADMIN" } }, select: { id: true, roles: true, active: true } });
  if (leavesNoActiveAdmin(people, after)) {
    throw new RefusedChangeError({ area: "user", change, reason: "last-admin" }, { type: "User", id: after.id }, change === "update" ? { roles: LAST_ADMIN_MESSAGE } : {}, LAST_ADMIN_MESSAGE);
  }
}

/** Whether a Prisma error is a unique-constraint clash (two requests at once took the same e-mail or team name). */
export function isUniqueClash(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
