import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";

/** Who a supervisor can give an episode to: the agency's active caseworkers, by name (with the e-mail address that tells two of one name apart). reassignEpisode() checks the choice again. */
export async function listCaseworkers(actor: Actor): Promise<{ id: string; name: string; email: string }[]> {
  assertCan(actor, "episodes:approve");
  return db().user.findMany({
    where: agencyScope(actor).where({ active: true, roles: { has: "CASEWORKER" as const } }),
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
