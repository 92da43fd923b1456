import "server-only";
import type { Actor } from "./actor";

/**
 * Every query of agency data goes through here: the agency always comes from the signed-in actor
 * (loaded from the database), never from the request. Records of another agency are simply not
 * found, so callers answer 404 and nobody learns they exist.
 */
export function agencyScope(actor: Pick<Actor, "agency">) {
  const agencyId = actor.agency.id;
  if (!agencyId) throw new Error("agencyScope: the actor has no agency");
  return {
    agencyId,
    /** Adds the agency to a Prisma `where`; refuses a `where` that already names another agency. */
    where<W extends object>(where?: W): W & { agencyId: string } {
      if (where && "agencyId" in where && where.agencyId !== agencyId) {
        throw new Error("agencyScope: a query named another agency");
      }
      return { ...(where ?? ({} as W)), agencyId };
    },
  };
}
