import "server-only";
import { db, type Tx } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { auditWho, type AuditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { ZTeamNameSchema } from "@/lib/schemas/people";
import { RefusedChangeError, isUniqueClash, lockAgency, withRefusalAudited } from "@/server/users/account-changes";
import { isUuid } from "@/lib/uuid";

const NAME_IN_USE = "The agency already has a team with this name. Choose another name.";

export function nameInUse(teamId: string | null): RefusedChangeError {
  return new RefusedChangeError({ area: "team", reason: "name-in-use" }, teamId ? { type: "Team", id: teamId } : null, { name: NAME_IN_USE }, NAME_IN_USE);
}

/** Refuses a name another team of the agency has (compared without regard to case). */
export async function assertNameFree(tx: Tx, agencyId: string, name: string, teamId: string | null): Promise<void> {
  const clash = await tx.team.findFirst({
    where: { agencyId, name: { equals: name, mode: "insensitive" }, ...(teamId ? { id: { not: teamId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameInUse(teamId);
}

/** A team of the agency, locked for the rest of the transaction; another agency's is not found. */
export async function loadAgencyTeam(tx: Tx, agencyId: string, teamId: string): Promise<{ id: string; name: string }> {
  if (!isUuid(teamId)) throw new NotFoundError();
  const [team] = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Team" WHERE "id" = ${teamId}::uuid AND "agencyId" = ${agencyId}::uuid FOR UPDATE`;
  if (!team) throw new NotFoundError();
  return team;
}

/**
 * What adding a team and renaming one share: the actor may manage teams, the name is read from the
 * input, the work runs in one transaction with the agency locked, a refusal is audited, and two
 * requests that took the same name at once are answered as the name being in use (of `teamId`).
 */
export async function withTeamName<T>(
  actor: Actor,
  teamId: string | null,
  input: unknown,
  context: { requestId: string },
  work: (tx: Tx, change: { agencyId: string; name: string; who: AuditWho }) => Promise<T>,
): Promise<T> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const { name } = parseStep(ZTeamNameSchema, input);
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, async () => {
    try {
      return await db().$transaction(async (tx) => {
        await lockAgency(tx, scope.agencyId);
        return work(tx, { agencyId: scope.agencyId, name, who });
      });
    } catch (error) {
      if (isUniqueClash(error)) throw nameInUse(teamId);
      throw error;
    }
  });
}
