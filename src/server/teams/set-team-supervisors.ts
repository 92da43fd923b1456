import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { ZPeopleChoiceSchema } from "@/lib/schemas/people";
import { RefusedChangeError, lockAgency, withRefusalAudited } from "@/server/users/account-changes";
import { loadAgencyTeam } from "./team-names";

const NEED_ONE = "Choose at least one supervisor for the team";
const NOT_SUPERVISOR = "Choose people of the agency who hold the Supervisor role and are active";

/** Sets a team's supervisors: one or more active people of the agency holding SUPERVISOR. */
export async function setTeamSupervisors(actor: Actor, teamId: string, input: unknown, context: { requestId: string }): Promise<{ changed: boolean }> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const chosen = [...new Set(parseStep(ZPeopleChoiceSchema, input).userIds)].sort();
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      await lockAgency(tx, scope.agencyId);
      const team = await loadAgencyTeam(tx, scope.agencyId, teamId);
      const target = { type: "Team", id: team.id } as const;
      if (chosen.length === 0) throw new RefusedChangeError({ area: "team", reason: "not-a-supervisor" }, target, { userIds: NEED_ONE }, NEED_ONE);
      const eligible = await tx.user.count({ where: { id: { in: chosen }, agencyId: scope.agencyId, active: true, roles: { has: "SUPERVISOR" } } });
      if (eligible !== chosen.length) throw new RefusedChangeError({ area: "team", reason: "not-a-supervisor" }, target, { userIds: NOT_SUPERVISOR }, NOT_SUPERVISOR);
      const before = (await tx.teamSupervisor.findMany({ where: { teamId: team.id }, select: { userId: true } })).map((row) => row.userId).sort();
      if (before.join() === chosen.join()) return { changed: false };
      await tx.teamSupervisor.deleteMany({ where: { teamId: team.id } });
      await tx.teamSupervisor.createMany({ data: chosen.map((userId) => ({ teamId: team.id, userId })) });
      await audit(tx, who, "team.supervisors_set", { target, details: { before, after: chosen } });
      return { changed: true };
    }),
  );
}
