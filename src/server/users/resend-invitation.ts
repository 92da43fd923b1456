import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { RefusedChangeError, changeAgencyPerson } from "./account-changes";
import { sendAccountLink, type LinkDelivery } from "./account-links";

const NOT_INVITED = "This person has already accepted their invitation. Send a password reset instead.";
const INACTIVE = "This account is deactivated. Reactivate it first.";

/** Sends a new invitation to a person who has not accepted theirs yet; the earlier link stops working. */
export async function resendInvitation(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<LinkDelivery> {
  const now = context.now ?? new Date();
  return changeAgencyPerson(actor, userId, { requestId: context.requestId, lockAgency: true }, async (tx, person, who) => {
    const target = { type: "User", id: person.id } as const;
    if (!person.active) throw new RefusedChangeError({ area: "user", change: "resend-invitation", reason: "inactive" }, target, {}, INACTIVE);
    if (!person.invited) throw new RefusedChangeError({ area: "user", change: "resend-invitation", reason: "not-invited" }, target, {}, NOT_INVITED);
    const sent = await sendAccountLink(tx, { agencyId: person.agencyId, userId: person.id, purpose: "INVITATION", createdById: actor.userId, now });
    await audit(tx, who, "user.invitation_resent", { target, details: { delivery: sent.delivery } });
    return sent;
  });
}
