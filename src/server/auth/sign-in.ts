import "server-only";
import { db } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { afterFailedSignIn, isLocked } from "@/domain/sign-in-lockout";
import { ZSignInSchema } from "@/lib/schemas/sign-in";
import { verifyAgainstDummy, verifyPassword } from "./password";

export type SignInResult = { ok: true; userId: string; sessionId: string } | { ok: false };

/**
 * Checks an email and password. Failures say nothing about why (unknown email, wrong password,
 * inactive or locked account all look the same to the caller). The user row is locked FOR UPDATE,
 * so the failure count is exact even with several app instances on one database.
 */
export async function signInWithPassword(
  input: { email: unknown; password: unknown },
  context: { requestId: string; now?: Date; userAgent?: string | null },
): Promise<SignInResult> {
  const parsed = ZSignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  const { email, password } = parsed.data;
  const now = context.now ?? new Date();
  const requestId = context.requestId;

  const who = (user: { id: string; agencyId: string }) => ({ requestId, userId: user.id, agencyId: user.agencyId });
  return db().$transaction(
    async (tx) => {
      const [user] = await tx.$queryRaw<
        {
          id: string;
          agencyId: string;
          active: boolean;
          passwordHash: string | null;
          failedSignInCount: number;
          lockedUntil: Date | null;
          totpEnabledAt: Date | null;
        }[]
      >`SELECT "id", "agencyId", "active", "passwordHash", "failedSignInCount", "lockedUntil", "totpEnabledAt"
          FROM "User" WHERE "email" = ${email} FOR UPDATE`;

      if (!user || !user.active) {
        await verifyAgainstDummy(password);
        await audit(tx, { requestId, userId: user?.id ?? null, agencyId: user?.agencyId ?? null }, "auth.sign_in_failed", {
          outcome: "FAILURE",
          details: { reason: user ? "inactive" : "unknown-email" },
        });
        return { ok: false } as const;
      }

      if (isLocked(user, now)) {
        await verifyAgainstDummy(password);
        await audit(tx, who(user), "auth.sign_in_refused_locked", { outcome: "DENIED", details: { lockedUntil: user.lockedUntil!.toISOString() } });
        return { ok: false } as const;
      }

      // An invited person who has not chosen a password yet has none: no password matches it.
      if (!(user.passwordHash ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false))) {
        const next = afterFailedSignIn(user, now);
        await tx.user.update({
          where: { id: user.id },
          data: { failedSignInCount: next.failedSignInCount, lockedUntil: next.lockedUntil },
        });
        await audit(tx, who(user), "auth.sign_in_failed", { outcome: "FAILURE", details: { reason: "wrong-password", failedSignInCount: next.failedSignInCount } });
        if (next.lockedNow) {
          await audit(tx, who(user), "auth.locked", { outcome: "DENIED", details: { lockedUntil: next.lockedUntil!.toISOString() } });
        }
        return { ok: false } as const;
      }

      // With a second factor the count of failures runs on through the code (sign-in-code.ts): the
      // right password alone must not give a guesser of codes a fresh count.
      await tx.user.update({
        where: { id: user.id },
        data: user.totpEnabledAt ? { lastSignInAt: now } : { failedSignInCount: 0, lockedUntil: null, lastSignInAt: now },
      });
      // Half-signed until the second factor is given (secondFactorAt stays null): see resolveSignInSession.
      const session = await tx.userSession.create({
        data: { userId: user.id, createdAt: now, lastSeenAt: now, userAgent: context.userAgent?.slice(0, 200) || null },
        select: { id: true },
      });
      await audit(tx, who(user), "auth.sign_in", { target: { type: "UserSession", id: session.id } });
      return { ok: true, userId: user.id, sessionId: session.id } as const;
    },
    { timeout: 15_000 },
  );
}
