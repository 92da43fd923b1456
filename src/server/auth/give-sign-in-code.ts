import "server-only";
import { db } from "@/server/db";
import { audit, auditWho } from "@/server/audit/audit";
import { afterFailedSignIn, isLocked } from "@/domain/sign-in-lockout";
import { ZSignInCodeSchema } from "@/lib/schemas/account";
import { notifyUser } from "@/server/notifications/notify-user";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import type { SignInSession } from "./sessions";
import { markSecondFactorGiven } from "./sessions";
import { checkTotpCode, hashRecoveryCode, looksLikeRecoveryCode, openTotpSecret } from "./totp";

export const CODE_MESSAGES = {
  wrong:
    "The code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes. After 5 failed attempts the account is locked for 15 minutes.",
  replayed: "That code was already used. Wait for your app to show the next code, then enter it.",
  locked: "The account is locked after too many failed attempts. Try again in 15 minutes, or ask your agency's admin to unlock it.",
} as const;

type Outcome = { ok: true } | { ok: false; problem: keyof typeof CODE_MESSAGES };

/**
 * The second step of signing in: a code from the person's authenticator app (accepted once, one
 * step of drift either way) or one of their recovery codes (single use). A wrong or replayed code
 * counts toward the same lock as a wrong password. The user row is locked FOR UPDATE, so two codes
 * at once are judged one after the other.
 */
export async function giveSignInCode(session: SignInSession, input: unknown, context: { requestId: string; now?: Date }): Promise<void> {
  if (session.step !== "code") throw new BadRequestError("No code is needed now: reload the page.");
  const parsed = ZSignInCodeSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError({ code: parsed.error.issues[0]!.message }, parsed.error.issues[0]!.message);
  const typed = parsed.data.code;
  const now = context.now ?? new Date();
  const who = auditWho(session, context.requestId);

  const outcome = await db().$transaction(async (tx): Promise<Outcome> => {
    const [user] = await tx.$queryRaw<{ id: string; agencyId: string; totpSecret: string | null; totpLastStep: bigint | null; failedSignInCount: number; lockedUntil: Date | null }[]>`
      SELECT "id", "agencyId", "totpSecret", "totpLastStep", "failedSignInCount", "lockedUntil" FROM "User" WHERE "id" = ${session.userId}::uuid FOR UPDATE`;
    if (!user?.totpSecret) throw new BadRequestError("No code is needed now: reload the page.");
    if (isLocked(user, now)) {
      await audit(tx, who, "auth.code_refused", { outcome: "DENIED", details: { reason: "locked" } });
      return { ok: false, problem: "locked" };
    }

    const fail = async (problem: "wrong" | "replayed"): Promise<Outcome> => {
      const next = afterFailedSignIn(user, now);
      await tx.user.update({ where: { id: user.id }, data: { failedSignInCount: next.failedSignInCount, lockedUntil: next.lockedUntil } });
      if (problem === "replayed") await audit(tx, who, "auth.code_replayed", { outcome: "DENIED" });
      else await audit(tx, who, "auth.code_refused", { outcome: "FAILURE", details: { reason: "wrong", failedSignInCount: next.failedSignInCount } });
      if (next.lockedNow) await audit(tx, who, "auth.locked", { outcome: "DENIED", details: { lockedUntil: next.lockedUntil!.toISOString() } });
      return { ok: false, problem: next.lockedNow ? "locked" : problem };
    };
    const succeed = async (data: { totpLastStep?: bigint }) => {
      await tx.user.update({ where: { id: user.id }, data: { ...data, failedSignInCount: 0, lockedUntil: null } });
      await markSecondFactorGiven(tx, session.sessionId, now);
    };

    if (looksLikeRecoveryCode(typed)) {
      const used = await tx.recoveryCode.updateManyAndReturn({
        where: { userId: user.id, codeHash: hashRecoveryCode(typed), usedAt: null },
        data: { usedAt: now },
        select: { id: true },
      });
      if (used.length === 0) return fail("wrong");
      await succeed({});
      const remaining = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      await audit(tx, who, "auth.recovery_code_used", { target: { type: "UserSession", id: session.sessionId }, details: { remaining } });
      await notifyUser(tx, { key: `recovery_code.used:${used[0]!.id}`, agencyId: user.agencyId, userId: user.id, kind: "recovery_code.used" });
      return { ok: true };
    }

    const secret = openTotpSecret(user.totpSecret, user.id);
    if (!secret) throw new Error("The stored second factor could not be opened (was NEXTAUTH_SECRET changed?).");
    const check = await checkTotpCode(secret, typed.replace(/\s/g, ""), user.totpLastStep === null ? null : Number(user.totpLastStep), now);
    if (!check.ok) return fail(check.reason);
    await succeed({ totpLastStep: BigInt(check.step) });
    await audit(tx, who, "auth.code_accepted", { target: { type: "UserSession", id: session.sessionId } });
    return { ok: true };
  });

  if (!outcome.ok) throw new ValidationError({ code: CODE_MESSAGES[outcome.problem] }, CODE_MESSAGES[outcome.problem]);
}
