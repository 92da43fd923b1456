import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { endSessionsOf } from "@/server/auth/sessions";
import { changeAgencyPerson } from "./account-changes";

/**
 * After a suspected compromise: every session of the person ends now, and at their next sign-in
 * they must choose a new password before anything else.
 */
export async function requireNewPassword(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<{ sessionsEnded: number }> {
  const now = context.now ?? new Date();
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: false }, async (tx, person, who) => {
    await tx.user.update({ where: { id: person.id }, data: { passwordChangeRequired: true } });
    const sessionsEnded = await endSessionsOf(tx, null, { userId: person.id, reason: "PASSWORD_CHANGE_REQUIRED", now });
    await audit(tx, who, "user.password_change_required", { target: { type: "User", id: person.id }, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}
