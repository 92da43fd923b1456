import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";

export type DashboardChoices = {
  teams: { id: string; name: string }[];
  /** The agency's caseworkers, and anyone else who still holds an open episode (a deactivated caseworker's not yet reassigned). */
  caseworkers: { id: string; name: string; active: boolean }[];
};

/** What the dashboard's team and caseworker filters offer: the actor's agency's, by name. */
export async function dashboardChoices(actor: Actor): Promise<DashboardChoices> {
  assertCan(actor, "dashboard:view");
  const scope = agencyScope(actor);
  const [teams, caseworkers] = await Promise.all([
    db().team.findMany({ where: scope.where(), select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db().user.findMany({
      where: scope.where({
        OR: [{ active: true, roles: { has: "CASEWORKER" as const } }, { episodes: { some: { closedAt: null, voidedAt: null } } }],
      }),
      select: { id: true, name: true, active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return { teams, caseworkers };
}
