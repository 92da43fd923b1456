import "server-only";
import { db } from "@/server/db";
import { findUsableToken, markTokenUsed } from "@/server/accounts/account-tokens";
import { ZLinkPasswordSchema } from "@/lib/schemas/account";
import { ValidationError } from "@/server/use-case-errors";
import { auditLinkRefused, LINK_PROBLEM_MESSAGES, type LinkProblem } from "./account-link-refusal";
import { endSessionsOf } from "./sessions";
import { assertPasswordAllowed, storeNewPassword } from "./set-password";

/** Turns a form's parse failure into messages next to its fields. */
export function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): ValidationError {
  const fieldErrors = Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? "password"), issue.message]));
  return new ValidationError(fieldErrors, issues[0]?.message);
}

/**
 * A new password from a reset link an admin sent (single use, 24 hours). The link is used up,
 * every session of the person ends and they are told. A link that is unknown, expired, used or
 * revoked changes nothing but the audit trail, and says so in words.
 */
export async function resetPasswordWithLink(input: unknown, context: { requestId: string; now?: Date }): Promise<void> {
  const parsed = ZLinkPasswordSchema.safeParse(input);
  if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
  const { secret, password } = parsed.data;
  const now = context.now ?? new Date();
  const problem = await db().$transaction(
    async (tx): Promise<LinkProblem | null> => {
      const found = await findUsableToken(tx, secret, "PASSWORD_RESET", now);
      const user = found.token
        ? await tx.user.findUniqueOrThrow({ where: { id: found.token.userId }, select: { id: true, email: true, name: true, active: true, totpEnabledAt: true } })
        : null;
      const refusal: LinkProblem | null = !found.ok ? found.problem : user?.active ? null : "inactive";
      if (refusal || !found.ok || !user) {
        await auditLinkRefused(tx, { requestId: context.requestId, purpose: "PASSWORD_RESET", problem: refusal ?? "unknown", token: found.token });
        return refusal ?? "unknown";
      }
      assertPasswordAllowed(password, { email: user.email, name: user.name, hasSecondFactor: user.totpEnabledAt !== null });
      const who = { requestId: context.requestId, userId: user.id, agencyId: found.token.agencyId };
      await storeNewPassword(tx, who, { userId: user.id, agencyId: found.token.agencyId, password, via: "reset", now });
      await markTokenUsed(tx, found.token.id, now);
      await endSessionsOf(tx, who, { userId: user.id, reason: "PASSWORD_RESET", now });
      return null;
    },
    { timeout: 15_000 },
  );
  if (problem) throw new ValidationError({}, LINK_PROBLEM_MESSAGES[problem]);
}
