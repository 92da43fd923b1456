import "server-only";
import type { Tx } from "@/server/db";
import { audit, type AuditWho } from "@/server/audit/audit";
import { passwordProblems } from "@/domain/password-policy";
import { commonPasswords } from "@/lib/common-passwords";
import { notifyUser } from "@/server/notifications/notify-user";
import { ValidationError } from "@/server/use-case-errors";
import { hashPassword } from "./password";

/** Refuses a new password that breaks the rules, with the problems in words next to the field. */
export function assertPasswordAllowed(password: string, person: { email: string; name: string; hasSecondFactor: boolean }): void {
  const problems = passwordProblems(password, { ...person, blocklist: commonPasswords() });
  if (problems.length > 0) throw new ValidationError({ password: problems.join(". ") }, problems.join(". "));
}

/**
 * Stores a new password (checked by the caller with assertPasswordAllowed) and clears what a
 * password ends: a required change and a lock. Tells the person; audited with how it was set.
 */
export async function storeNewPassword(
  tx: Tx,
  who: AuditWho,
  input: { userId: string; agencyId: string; password: string; via: "profile" | "required" | "invitation" | "reset"; now: Date },
): Promise<void> {
  await tx.user.update({
    where: { id: input.userId },
    data: { passwordHash: await hashPassword(input.password), passwordChangedAt: input.now, passwordChangeRequired: false, failedSignInCount: 0, lockedUntil: null },
  });
  await audit(tx, who, "account.password_changed", { target: { type: "User", id: input.userId }, details: { via: input.via } });
  await notifyUser(tx, { key: `password.changed:${input.userId}:${input.now.toISOString()}`, agencyId: input.agencyId, userId: input.userId, kind: "password.changed" });
}
