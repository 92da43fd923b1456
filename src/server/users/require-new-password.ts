import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { endOpenSessions } from "./account-changes";
import { loadAgencyPerson } from "./load-agency-person";

/**
 * After a suspected compromise: every session of the person ends now, and at their next sign-in
 * they must choose a new password before anything else.
 */
export async function requireNewPassword(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<{ sessionsEnded: number }> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const person = await loadAgencyPerson(tx, scope.agencyId, userId);
    await tx.user.update({ where: { id: person.id }, data: { passwordChangeRequired: true } });
    const sessionsEnded = await endOpenSessions(tx, person.id, "PASSWORD_CHANGE_REQUIRED", now);
    await audit(tx, auditWho(actor, context.requestId), "user.password_change_required", { target: { type: "User", id: person.id }, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}
