import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { assertNameFree, loadAgencyTeam, withTeamName } from "./team-names";

/** Renames a team of the admin's agency; the new name is unique in the agency, and the same name again changes nothing. */
export async function renameTeam(actor: Actor, teamId: string, input: unknown, context: { requestId: string }): Promise<{ changed: boolean }> {
  return withTeamName(actor, teamId, input, context, async (tx, { agencyId, name, who }) => {
    const team = await loadAgencyTeam(tx, agencyId, teamId);
    if (team.name === name) return { changed: false };
    await assertNameFree(tx, agencyId, name, team.id);
    await tx.team.update({ where: { id: team.id }, data: { name } });
    await audit(tx, who, "team.renamed", { target: { type: "Team", id: team.id }, details: { before: { name: team.name }, after: { name } } });
    return { changed: true };
  });
}
