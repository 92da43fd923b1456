import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { revokeAccountTokens } from "@/server/accounts/account-tokens";
import { endSessionsOf } from "@/server/auth/sessions";
import { RefusedChangeError, assertKeepsAnAdmin, changeAgencyPerson } from "./account-changes";

const SELF = "You cannot deactivate your own account. Ask another admin to do it.";

/**
 * Switches a person's account off: every open session ends at once (their next request is
 * refused), unused links stop working. Their open episodes stay theirs until reassigned from the
 * user page. Refused for oneself and for the agency's last active admin.
 */
export async function deactivateUser(
  actor: Actor,
  userId: string,
  context: { requestId: string; now?: Date },
): Promise<{ deactivated: boolean; openEpisodes: number }> {
  const now = context.now ?? new Date();
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: true }, async (tx, person, who) => {
    const target = { type: "User", id: person.id } as const;
    const openEpisodes = await tx.episode.count({ where: { agencyId: person.agencyId, caseworkerId: person.id, closedAt: null, voidedAt: null } });
    if (!person.active) return { deactivated: false, openEpisodes };
    if (person.id === actor.userId) throw new RefusedChangeError({ area: "user", change: "deactivate", reason: "self" }, target, {}, SELF);
    await assertKeepsAnAdmin(tx, person.agencyId, { id: person.id, roles: person.roles, active: false }, "deactivate");
    await tx.user.update({ where: { id: person.id }, data: { active: false, deactivatedAt: now } });
    const sessionsEnded = await endSessionsOf(tx, null, { userId: person.id, reason: "DEACTIVATED", now });
    const linksRevoked = await tx.accountToken.count({ where: { userId: person.id, usedAt: null, revokedAt: null } });
    await revokeAccountTokens(tx, person.id, now);
    await audit(tx, who, "user.deactivated", { target, details: { sessionsEnded, linksRevoked, openEpisodes } });
    return { deactivated: true, openEpisodes };
  });
}
