import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { ConflictError } from "@/server/use-case-errors";
import { isUuid } from "@/lib/uuid";

/** The episode a photo belongs to, through the agency scope; anything else is a 404. */
export async function episodeInScope(tx: Tx, actor: Actor, episodeId: string) {
  if (!isUuid(episodeId)) throw new NotFoundError();
  const episode = await tx.episode.findFirst({
    where: agencyScope(actor).where({ id: episodeId }),
    select: { id: true, agencyId: true, closedAt: true, agency: { select: { timeZone: true } }, child: { select: { dateOfBirth: true } } },
  });
  if (!episode) throw new NotFoundError();
  return episode;
}

export function assertOpen(episode: { closedAt: Date | null }) {
  if (episode.closedAt) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
}
