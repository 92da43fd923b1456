import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { lockAgency } from "./account-changes";
import { loadAgencyPerson } from "./load-agency-person";

/** Switches a deactivated account back on; the person signs in as before. An active account is left as it is. */
export async function reactivateUser(actor: Actor, userId: string, context: { requestId: string }): Promise<{ reactivated: boolean }> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  return db().$transaction(async (tx) => {
    await lockAgency(tx, scope.agencyId);
    const person = await loadAgencyPerson(tx, scope.agencyId, userId);
    if (person.active) return { reactivated: false };
    await tx.user.update({ where: { id: person.id }, data: { active: true, deactivatedAt: null } });
    await audit(tx, auditWho(actor, context.requestId), "user.reactivated", { target: { type: "User", id: person.id } });
    return { reactivated: true };
  });
}
