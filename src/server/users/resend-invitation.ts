import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { RefusedChangeError, lockAgency, withRefusalAudited } from "./account-changes";
import { sendAccountLink, type LinkDelivery } from "./account-links";
import { loadAgencyPerson } from "./load-agency-person";

const NOT_INVITED = "This person has already accepted their invitation. Send a password reset instead.";
const INACTIVE = "This account is deactivated. Reactivate it first.";

/** Sends a new invitation to a person who has not accepted theirs yet; the earlier link stops working. */
export async function resendInvitation(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<LinkDelivery> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      await lockAgency(tx, scope.agencyId);
      const person = await loadAgencyPerson(tx, scope.agencyId, userId);
      const target = { type: "User", id: person.id } as const;
      if (!person.active) throw new RefusedChangeError({ area: "user", change: "resend-invitation", reason: "inactive" }, target, {}, INACTIVE);
      if (!person.invited) throw new RefusedChangeError({ area: "user", change: "resend-invitation", reason: "not-invited" }, target, {}, NOT_INVITED);
      const sent = await sendAccountLink(tx, { agencyId: scope.agencyId, userId: person.id, purpose: "INVITATION", createdById: actor.userId, now });
      await audit(tx, who, "user.invitation_resent", { target, details: { delivery: sent.delivery } });
      return sent;
    }),
  );
}
