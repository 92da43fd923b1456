import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { ZChangePasswordSchema } from "@/lib/schemas/account";
import { ValidationError } from "@/server/use-case-errors";
import { verifyPassword } from "./password";
import { fieldErrorsOf } from "./reset-password-with-link";
import { endSessionsOf } from "./sessions";
import { assertPasswordAllowed, storeNewPassword } from "./set-password";

export const WRONG_CURRENT_PASSWORD = "Your current password is not right";

/**
 * The person changes their own password: the current one first, then the new one by the rules.
 * Their other sessions end; this one stays. They are told; audited (a wrong current password too).
 */
export async function changePassword(actor: Actor, input: unknown, context: { requestId: string; now?: Date }): Promise<{ otherSessionsEnded: number }> {
  assertCan(actor, "profile:manage");
  const parsed = ZChangePasswordSchema.safeParse(input);
  if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
  const now = context.now ?? new Date();
  const who = auditWho(actor, context.requestId);
  const result = await db().$transaction(
    async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true, totpEnabledAt: true } });
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
        await audit(tx, who, "account.password_change_refused", { outcome: "DENIED", target: { type: "User", id: actor.userId }, details: { reason: "wrong-current-password" } });
        return null;
      }
      assertPasswordAllowed(parsed.data.password, { email: actor.email, name: actor.name, hasSecondFactor: user.totpEnabledAt !== null });
      await storeNewPassword(tx, who, { userId: actor.userId, agencyId: actor.agency.id, password: parsed.data.password, via: "profile", now });
      return { otherSessionsEnded: await endSessionsOf(tx, who, { userId: actor.userId, except: actor.sessionId, reason: "PASSWORD_CHANGED", now }) };
    },
    { timeout: 15_000 },
  );
  if (!result) throw new ValidationError({ currentPassword: WRONG_CURRENT_PASSWORD }, WRONG_CURRENT_PASSWORD);
  return result;
}
