import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { accountStatus, type AccountStatus } from "@/domain/account-status";

export type AgencyUserRow = {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  team: { id: string; name: string } | null;
  onCall: boolean;
  status: AccountStatus;
  secondFactor: boolean;
};

/** Codes from the list page's query string; anything unknown is ignored by the page before it gets here. */
export type AgencyUserFilter = { role?: "CASEWORKER" | "SUPERVISOR" | "ADMIN"; teamId?: string; status?: AccountStatus };

const USER_ROW = {
  id: true, name: true, email: true, roles: true, active: true, lockedUntil: true, lastSignInAt: true, onCall: true,
  passwordHash: true, totpEnabledAt: true, team: { select: { id: true, name: true } },
} as const;

export async function listAgencyUsers(
  actor: Actor,
  context: { requestId: string; now?: Date },
  filter: AgencyUserFilter = {},
): Promise<AgencyUserRow[]> {
  assertCan(actor, "users:view");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: scope.where({ ...(filter.role ? { roles: { has: filter.role } } : {}), ...(filter.teamId ? { teamId: filter.teamId } : {}) }),
      select: USER_ROW,
      orderBy: [{ name: "asc" }, { email: "asc" }],
    });
    const rows = users
      .map(({ passwordHash, totpEnabledAt, ...user }) => ({
        ...user,
        status: accountStatus({ active: user.active, hasPassword: passwordHash !== null, lockedUntil: user.lockedUntil }, now),
        secondFactor: totpEnabledAt !== null,
      }))
      .filter((row) => !filter.status || row.status === filter.status);
    await audit(tx, auditWho(actor, context.requestId), "users.listed", { details: { count: rows.length } });
    return rows;
  });
}
