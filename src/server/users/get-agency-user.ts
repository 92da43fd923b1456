import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { isUuid } from "@/lib/uuid";
import type { AgencyUserRow } from "./list-agency-users";

export type AgencyUserDetail = AgencyUserRow & { createdAt: Date; failedSignInCount: number };

export async function getAgencyUser(actor: Actor, userId: string, context: { requestId: string }): Promise<AgencyUserDetail> {
  assertCan(actor, "users:view");
  const scope = agencyScope(actor);
  if (!isUuid(userId)) throw new NotFoundError();
  return db().$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: scope.where({ id: userId }),
      select: {
        id: true, name: true, email: true, roles: true, active: true, lockedUntil: true,
        lastSignInAt: true, createdAt: true, failedSignInCount: true,
      },
    });
    if (!user) throw new NotFoundError();
    await audit(tx, auditWho(actor, context.requestId), "user.viewed", { target: { type: "User", id: user.id } });
    return user;
  });
}
