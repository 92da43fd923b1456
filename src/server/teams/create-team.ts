import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { ZTeamNameSchema } from "@/features/admin/people-schemas";
import { isUniqueClash, lockAgency, withRefusalAudited } from "@/server/users/account-changes";
import { assertNameFree, nameInUse } from "./team-names";

/** Adds a team (unit) to the admin's agency; its name is unique in the agency. */
export async function createTeam(actor: Actor, input: unknown, context: { requestId: string }): Promise<{ teamId: string }> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const { name } = parseStep(ZTeamNameSchema, input);
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, async () => {
    try {
      return await db().$transaction(async (tx) => {
        await lockAgency(tx, scope.agencyId);
        await assertNameFree(tx, scope.agencyId, name, null);
        const team = await tx.team.create({ data: { agencyId: scope.agencyId, name }, select: { id: true } });
        await audit(tx, who, "team.created", { target: { type: "Team", id: team.id }, details: { name } });
        return { teamId: team.id };
      });
    } catch (error) {
      if (isUniqueClash(error)) throw nameInUse(null);
      throw error;
    }
  });
}
