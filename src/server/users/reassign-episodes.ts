import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { parseStep } from "@/server/episodes/field-errors";
import { ZReassignEpisodesSchema } from "@/lib/schemas/people";
import { RefusedChangeError, withRefusalAudited } from "./account-changes";
import { loadAgencyPerson } from "./load-agency-person";
import { assignEpisode } from "@/server/episodes/assign-episode";
import { syncEpisode } from "@/server/episodes/sync-episode";

const NOT_A_CASEWORKER = "Choose an active caseworker of the agency to take the cases";
const STALE = "One of the chosen cases is closed or no longer this person's. Reload the page and choose again.";

/**
 * Moves a person's chosen open episodes (a departed caseworker's, for one) to another active
 * caseworker of the agency, audited per episode.
 */
export async function reassignEpisodes(actor: Actor, fromUserId: string, input: unknown, context: { requestId: string }): Promise<{ reassigned: number }> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const { episodeIds, toUserId } = parseStep(ZReassignEpisodesSchema, input);
  const who = auditWho(actor, context.requestId);
  return withRefusalAudited(who, () =>
    db().$transaction(async (tx) => {
      const from = await loadAgencyPerson(tx, scope.agencyId, fromUserId);
      const to = await loadAgencyPerson(tx, scope.agencyId, toUserId).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new ValidationError({ toUserId: NOT_A_CASEWORKER });
        throw error;
      });
      if (to.id === from.id || !to.active || !to.roles.includes("CASEWORKER")) {
        throw new RefusedChangeError({ area: "user", change: "reassign", reason: "not-a-caseworker" }, { type: "User", id: to.id }, { toUserId: NOT_A_CASEWORKER }, NOT_A_CASEWORKER);
      }
      const ids = [...new Set(episodeIds)];
      const movable = await tx.episode.findMany({
        where: { id: { in: ids }, agencyId: scope.agencyId, caseworkerId: from.id, closedAt: null, voidedAt: null },
        select: { id: true },
      });
      const count = movable.length;
      if (count !== ids.length) throw new ValidationError({ episodeIds: STALE }, STALE);
      const now = new Date();
      for (const id of ids) {
        await assignEpisode(tx, { agencyId: scope.agencyId, episodeId: id, caseworkerId: to.id, assignedById: actor.userId, at: now });
        // Whom each clock counts against follows the assignment (the on-time report's copies).
        await syncEpisode(tx, actor, id, now);
        await audit(tx, who, "episode.reassigned", { target: { type: "Episode", id }, details: { fromUserId: from.id, toUserId: to.id } });
      }
      return { reassigned: count };
    }),
  );
}
