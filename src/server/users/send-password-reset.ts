import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { RefusedChangeError, withRefusalAudited } from "./account-changes";
import { sendAccountLink, type LinkDelivery } from "./account-links";
import { loadAgencyPerson } from "./load-agency-person";

const INACTIVE = "This account is deactivated. Reactivate it first.";

/**
 * A single-use password-reset link (24 hours), e-mailed, or shown once to the admin when e-mail is
 * not configured; the person chooses a new password on its page. A newer link replaces an older one.
 */
export async function sendPasswordReset(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<LinkDelivery> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      const person = await loadAgencyPerson(tx, scope.agencyId, userId);
      const target = { type: "User", id: person.id } as const;
      if (!person.active) throw new RefusedChangeError({ area: "user", change: "update", reason: "inactive" }, target, {}, INACTIVE);
      const sent = await sendAccountLink(tx, { agencyId: scope.agencyId, userId: person.id, purpose: "PASSWORD_RESET", createdById: actor.userId, now });
      await audit(tx, who, "user.password_reset_sent", { target, details: { delivery: sent.delivery } });
      return sent;
    }),
  );
}
