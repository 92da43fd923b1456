import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { RefusedChangeError, changeAgencyPerson } from "./account-changes";
import { sendAccountLink, type LinkDelivery } from "./account-links";

const INACTIVE = "This account is deactivated. Reactivate it first.";

/**
 * A single-use password-reset link (24 hours), e-mailed, or shown once to the admin when e-mail is
 * not configured; the person chooses a new password on its page. A newer link replaces an older one.
 */
export async function sendPasswordReset(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<LinkDelivery> {
  const now = context.now ?? new Date();
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: false }, async (tx, person, who) => {
    const target = { type: "User", id: person.id } as const;
    if (!person.active) throw new RefusedChangeError({ area: "user", change: "update", reason: "inactive" }, target, {}, INACTIVE);
    const sent = await sendAccountLink(tx, { agencyId: person.agencyId, userId: person.id, purpose: "PASSWORD_RESET", createdById: actor.userId, now });
    await audit(tx, who, "user.password_reset_sent", { target, details: { delivery: sent.delivery } });
    return sent;
  });
}
