import "server-only";
import { db, type Tx } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { findUsableToken, markTokenUsed, type UsableToken } from "@/server/accounts/account-tokens";
import { ZAcceptInvitationSchema, ZLinkPasswordSchema } from "@/lib/schemas/account";
import { ValidationError } from "@/server/use-case-errors";
import { auditLinkRefused, LINK_PROBLEM_MESSAGES, type LinkProblem } from "./account-link-refusal";
import { fieldErrorsOf } from "./reset-password-with-link";
import { assertPasswordAllowed, storeNewPassword } from "./set-password";
import { startSecondFactorSetUp, storeConfirmedSecondFactor, type SecondFactorSetUp } from "./second-factor-store";

type Invited = { token: UsableToken; user: { id: string; email: string; name: string }; agencyName: string };

/** The invitation's row and person, or why it cannot be used (audited: that write commits, nothing else changes). */
async function usableInvitation(tx: Tx, secret: string, context: { requestId: string; now: Date }): Promise<Invited | LinkProblem> {
  const found = await findUsableToken(tx, secret, "INVITATION", context.now);
  const user = found.token
    ? await tx.user.findUniqueOrThrow({ where: { id: found.token.userId }, select: { id: true, email: true, name: true, active: true, agency: { select: { name: true } } } })
    : null;
  const problem: LinkProblem | null = !found.ok ? found.problem : user?.active ? null : "inactive";
  if (problem || !found.ok || !user) {
    await auditLinkRefused(tx, { requestId: context.requestId, purpose: "INVITATION", problem: problem ?? "unknown", token: found.token });
    return problem ?? "unknown";
  }
  return { token: found.token, user, agencyName: user.agency.name };
}

/**
 * The invitation's first step: the link is good and the chosen password passes the rules (as the
 * password of an account with a second factor, which the next step sets up). Answers the set-up
 * of the second factor; nothing is stored yet, and the link stays unused.
 */
export async function checkInvitation(input: unknown, context: { requestId: string; now?: Date }): Promise<SecondFactorSetUp> {
  const parsed = ZLinkPasswordSchema.safeParse(input);
  if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
  const now = context.now ?? new Date();
  const invited = await db().$transaction((tx) => usableInvitation(tx, parsed.data.secret, { requestId: context.requestId, now }));
  if (typeof invited === "string") throw new ValidationError({}, LINK_PROBLEM_MESSAGES[invited]);
  assertPasswordAllowed(parsed.data.password, { email: invited.user.email, name: invited.user.name, hasSecondFactor: true });
  return startSecondFactorSetUp({ userId: invited.user.id, email: invited.user.email, agencyName: invited.agencyName });
}

/**
 * The invitation's last step: the password and the confirmed second factor are stored together
 * and the link is used up. Answers the recovery codes, shown once; the person then signs in.
 */
export async function acceptInvitation(input: unknown, context: { requestId: string; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const parsed = ZAcceptInvitationSchema.safeParse(input);
  if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
  const { secret, password, pending, code } = parsed.data;
  const now = context.now ?? new Date();
  const result = await db().$transaction(
    async (tx) => {
      const invited = await usableInvitation(tx, secret, { requestId: context.requestId, now });
      if (typeof invited === "string") return invited;
      assertPasswordAllowed(password, { email: invited.user.email, name: invited.user.name, hasSecondFactor: true });
      const who = { requestId: context.requestId, userId: invited.user.id, agencyId: invited.token.agencyId };
      const stored = await storeConfirmedSecondFactor(tx, who, { userId: invited.user.id, agencyId: invited.token.agencyId, pending, code, now });
      await storeNewPassword(tx, who, { userId: invited.user.id, agencyId: invited.token.agencyId, password, via: "invitation", now });
      await markTokenUsed(tx, invited.token.id, now);
      await audit(tx, who, "account.invitation_accepted", { target: { type: "User", id: invited.user.id } });
      return stored;
    },
    { timeout: 15_000 },
  );
  if (typeof result === "string") throw new ValidationError({}, LINK_PROBLEM_MESSAGES[result]);
  return result;
}
