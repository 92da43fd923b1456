import "server-only";
import type { Tx } from "@/server/db";
import { audit, type AuditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import type { ZInvitePersonSchema } from "@/lib/schemas/people";
import type { z } from "zod";
import { RefusedChangeError } from "./account-changes";
import { sendAccountLink, type LinkDelivery } from "./account-links";

export const EMAIL_IN_USE_MESSAGE = "This e-mail address is already in use by another account. Use a different address.";

/**
 * Adds a person to the agency with no password and sends their invitation: the core of
 * invite-user, shared with the operator's commands (scripts/admin-invite.ts, agency-create.ts),
 * whose `who` has no user. The caller has locked the agency.
 */
export async function createInvitation(
  tx: Tx,
  who: AuditWho,
  input: { agencyId: string; person: z.output<typeof ZInvitePersonSchema>; now: Date; showOnly?: boolean },
): Promise<{ userId: string } & LinkDelivery> {
  const { person, agencyId } = input;
  const clash = await tx.user.findUnique({ where: { email: person.email }, select: { id: true } });
  if (clash) throw new RefusedChangeError({ area: "user", change: "invite", reason: "email-in-use" }, null, { email: EMAIL_IN_USE_MESSAGE }, EMAIL_IN_USE_MESSAGE);
  const teamId = person.teamId === "" ? null : person.teamId;
  if (teamId && !(await tx.team.findFirst({ where: { id: teamId, agencyId }, select: { id: true } }))) {
    throw new ValidationError({ teamId: "Choose a team from the list" });
  }
  const user = await tx.user.create({
    data: { agencyId, email: person.email, name: person.name, roles: person.roles, teamId, passwordHash: null, createdAt: input.now },
    select: { id: true },
  });
  const sent = await sendAccountLink(tx, { agencyId, userId: user.id, purpose: "INVITATION", createdById: who.userId, now: input.now, showOnly: input.showOnly });
  await audit(tx, who, "user.invited", {
    target: { type: "User", id: user.id },
    details: { after: { name: person.name, email: person.email, roles: person.roles, teamId, onCall: false, active: true }, delivery: sent.delivery },
  });
  return { userId: user.id, ...sent };
}
