import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { changeAgencyPerson } from "./account-changes";

/** Switches a deactivated account back on; the person signs in as before. An active account is left as it is. */
export async function reactivateUser(actor: Actor, userId: string, context: { requestId: string }): Promise<{ reactivated: boolean }> {
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: true }, async (tx, person, who) => {
    if (person.active) return { reactivated: false };
    await tx.user.update({ where: { id: person.id }, data: { active: true, deactivatedAt: null } });
    await audit(tx, who, "user.reactivated", { target: { type: "User", id: person.id } });
    return { reactivated: true };
  });
}
