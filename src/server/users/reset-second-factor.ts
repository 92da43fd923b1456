import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { notifyUser } from "@/server/notifications/notify-user";
import { endOpenSessions } from "./account-changes";
import { loadAgencyPerson } from "./load-agency-person";

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
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const person = await loadAgencyPerson(tx, scope.agencyId, userId);
    await tx.user.update({ where: { id: person.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const { count: recoveryCodesDeleted } = await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
    const sessionsEnded = await endOpenSessions(tx, person.id, "SECOND_FACTOR_RESET", now);
    await audit(tx, auditWho(actor, context.requestId), "user.second_factor_reset", {
      target: { type: "User", id: person.id },
      details: { sessionsEnded, recoveryCodesDeleted },
    });
    await notifyUser(tx, { key: `second_factor.reset:${person.id}:${now.toISOString()}`, agencyId: scope.agencyId, userId: person.id, kind: "second_factor.reset" });
    return { sessionsEnded, recoveryCodesDeleted };
  });
}
