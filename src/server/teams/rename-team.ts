import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { ZTeamNameSchema } from "@/features/admin/people-schemas";
import { isUniqueClash, lockAgency, withRefusalAudited } from "@/server/users/account-changes";
import { assertNameFree, loadAgencyTeam, nameInUse } from "./team-names";

export async function renameTeam(actor: Actor, teamId: string, input: unknown, context: { requestId: string }): Promise<{ changed: boolean }> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const { name } = parseStep(ZTeamNameSchema, input);
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, async () => {
    try {
      return await db().$transaction(async (tx) => {
        await lockAgency(tx, scope.agencyId);
        const team = await loadAgencyTeam(tx, scope.agencyId, teamId);
        if (team.name === name) return { changed: false };
        await assertNameFree(tx, scope.agencyId, name, team.id);
        await tx.team.update({ where: { id: team.id }, data: { name } });
        await audit(tx, who, "team.renamed", { target: { type: "Team", id: team.id }, details: { before: { name: team.name }, after: { name } } });
        return { changed: true };
      });
    } catch (error) {
      if (isUniqueClash(error)) throw nameInUse(teamId);
      throw error;
    }
  });
}
