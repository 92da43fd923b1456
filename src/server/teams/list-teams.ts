import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";

type Person = { id: string; name: string; active: boolean };

export type TeamsOverview = {
  teams: { id: string; name: string; supervisors: Person[]; members: Person[] }[];
  /** Active people holding SUPERVISOR: whom a team's supervisors are chosen from. */
  supervisorChoices: Person[];
  /** Active people of the agency: whom the on-call list is chosen from. */
  people: (Person & { onCall: boolean; roles: string[] })[];
};

/** The agency's teams with their supervisors and members, and the on-call list, for the teams page. */
export async function listTeams(actor: Actor, context: { requestId: string }): Promise<TeamsOverview> {
  assertCan(actor, "users:view");
  const scope = agencyScope(actor);
  const person = { id: true, name: true, active: true } as const;
  return db().$transaction(async (tx) => {
    const teams = await tx.team.findMany({
      where: scope.where(),
      select: {
        id: true,
        name: true,
        members: { select: person, orderBy: { name: "asc" } },
        supervisors: { select: { user: { select: person } }, orderBy: { user: { name: "asc" } } },
      },
      orderBy: { name: "asc" },
    });
    const people = await tx.user.findMany({
      where: scope.where({ active: true }),
      select: { ...person, onCall: true, roles: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
    });
    await audit(tx, auditWho(actor, context.requestId), "teams.listed", { details: { count: teams.length } });
    return {
      teams: teams.map((team) => ({ id: team.id, name: team.name, members: team.members, supervisors: team.supervisors.map((s) => s.user) })),
      supervisorChoices: people.filter((p) => p.roles.includes("SUPERVISOR")).map(({ id, name, active }) => ({ id, name, active })),
      people,
    };
  });
}
