import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { notifyUser } from "@/server/notifications/notify-user";
import { endSessionsOf } from "@/server/auth/sessions";
import { changeAgencyPerson } from "./account-changes";

/**
 * For a person who lost their authenticator: the second factor and its recovery codes are removed,
 * every session ends, and they set up a new factor at their next sign-in. They are told (in the
 * app, and by e-mail when it is configured).
 */
export async function resetSecondFactor(
  actor: Actor,
  userId: string,
  context: { requestId: string; now?: Date },
): Promise<{ sessionsEnded: number; recoveryCodesDeleted: number }> {
  const now = context.now ?? new Date();
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: false }, async (tx, person, who) => {
    await tx.user.update({ where: { id: person.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const { count: recoveryCodesDeleted } = await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
    const sessionsEnded = await endSessionsOf(tx, null, { userId: person.id, reason: "SECOND_FACTOR_RESET", now });
    await audit(tx, who, "user.second_factor_reset", {
      target: { type: "User", id: person.id },
      details: { sessionsEnded, recoveryCodesDeleted },
    });
    await notifyUser(tx, { key: `second_factor.reset:${person.id}:${now.toISOString()}`, agencyId: person.agencyId, userId: person.id, kind: "second_factor.reset" });
    return { sessionsEnded, recoveryCodesDeleted };
  });
}
