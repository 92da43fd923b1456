import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { assertNameFree, withTeamName } from "./team-names";

/** Adds a team (unit) to the admin's agency; its name is unique in the agency. */
export async function createTeam(actor: Actor, input: unknown, context: { requestId: string }): Promise<{ teamId: string }> {
  return withTeamName(actor, null, input, context, async (tx, { agencyId, name, who }) => {
    await assertNameFree(tx, agencyId, name, null);
    const team = await tx.team.create({ data: { agencyId, name }, select: { id: true } });
    await audit(tx, who, "team.created", { target: { type: "Team", id: team.id }, details: { name } });
    return { teamId: team.id };
  });
}
