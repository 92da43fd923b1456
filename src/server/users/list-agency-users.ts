import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";

export type AgencyUserRow = {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
};

const USER_ROW = { id: true, name: true, email: true, roles: true, active: true, lockedUntil: true, lastSignInAt: true } as const;

export async function listAgencyUsers(actor: Actor, context: { requestId: string }): Promise<AgencyUserRow[]> {
  assertCan(actor, "users:view");
  const scope = agencyScope(actor);
  return db().$transaction(async (tx) => {
    const users = await tx.user.findMany({ where: scope.where(), select: USER_ROW, orderBy: [{ name: "asc" }, { email: "asc" }] });
    await audit(tx, auditWho(actor, context.requestId), "users.listed", { details: { count: users.length } });
    return users;
  });
}
