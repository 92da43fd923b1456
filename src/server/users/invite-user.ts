import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { auditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { ZInvitePersonSchema } from "@/lib/schemas/people";
import { RefusedChangeError, isUniqueClash, lockAgency, withRefusalAudited } from "./account-changes";
import { EMAIL_IN_USE_MESSAGE, createInvitation } from "./create-invitation";
import type { LinkDelivery } from "./account-links";

/**
 * Invites a person to the admin's agency: e-mail address (unique across the deployment, since it
 * is the sign-in name), name, roles and team. They have no password until they follow the link.
 */
export async function inviteUser(actor: Actor, input: unknown, context: { requestId: string; now?: Date }): Promise<{ userId: string } & LinkDelivery> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const person = parseStep(ZInvitePersonSchema, input);
  const now = context.now ?? new Date();
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, async () => {
    try {
      return await db().$transaction(async (tx) => {
        await lockAgency(tx, scope.agencyId);
        return createInvitation(tx, who, { agencyId: scope.agencyId, person, now });
      });
    } catch (error) {
      // Another request took the address between the check and the insert.
      if (isUniqueClash(error)) {
        throw new RefusedChangeError({ area: "user", change: "invite", reason: "email-in-use" }, null, { email: EMAIL_IN_USE_MESSAGE }, EMAIL_IN_USE_MESSAGE);
      }
      throw error;
    }
  });
}
