import "server-only";
import type { Tx } from "@/server/db";
import { NotFoundError } from "@/server/authz/errors";
import { RefusedChangeError } from "@/server/users/account-changes";
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
