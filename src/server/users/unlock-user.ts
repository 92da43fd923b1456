import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { isLocked } from "@/domain/sign-in-lockout";
import { isUuid } from "@/lib/uuid";

/**
 * Lets a user of the admin's agency who is locked out after failed sign-ins sign in again before
 * the lock runs out: the lock and the failure count are cleared. A user of another agency is not
 * found; an account that is not locked is left as it is (nothing changed, nothing recorded).
 */
export async function unlockUser(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<{ unlocked: boolean }> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  if (!isUuid(userId)) throw new NotFoundError();
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    // The row is locked as sign-in locks it, so a failed attempt at the same moment is not lost.
    const [user] = await tx.$queryRaw<{ id: string; failedSignInCount: number; lockedUntil: Date | null }[]>`
      SELECT "id", "failedSignInCount", "lockedUntil" FROM "User" WHERE "id" = ${userId}::uuid AND "agencyId" = ${scope.agencyId}::uuid FOR UPDATE`;
    if (!user) throw new NotFoundError();
    if (!isLocked(user, now)) return { unlocked: false };
    await tx.user.update({ where: { id: user.id }, data: { failedSignInCount: 0, lockedUntil: null } });
    await audit(tx, auditWho(actor, context.requestId), "user.unlocked", { target: { type: "User", id: user.id } });
    return { unlocked: true };
  });
}
