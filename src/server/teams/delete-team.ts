import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { RefusedChangeError, lockAgency, withRefusalAudited } from "@/server/users/account-changes";
import { loadAgencyTeam } from "./team-names";

const NOT_EMPTY = "This team still has members. Move them to another team first (on each person's page).";

/** Removes a team that has no members left (deactivated people count: their team is part of their record). */
export async function deleteTeam(actor: Actor, teamId: string, context: { requestId: string }): Promise<void> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const who = auditWho(actor, context.requestId);
  await withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      await lockAgency(tx, scope.agencyId);
      const team = await loadAgencyTeam(tx, scope.agencyId, teamId);
      const target = { type: "Team", id: team.id } as const;
      if ((await tx.user.count({ where: { teamId: team.id } })) > 0) {
        throw new RefusedChangeError({ area: "team", reason: "not-empty" }, target, {}, NOT_EMPTY);
      }
      await tx.team.delete({ where: { id: team.id } });
      await audit(tx, who, "team.deleted", { target, details: { name: team.name } });
    }),
  );
}
