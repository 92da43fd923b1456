import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { ConflictError } from "@/server/use-case-errors";
import { isUuid } from "@/lib/uuid";
import { episodeProgress } from "@/domain/episode-progress";
import type { EpisodeFacts } from "@/domain/episode-facts";
import { loadEpisode } from "@/server/episodes/load-episode";

/** The episode a photo belongs to, through the agency scope; anything else is a 404. */
export async function episodeInScope(tx: Tx, actor: Actor, episodeId: string) {
  if (!isUuid(episodeId)) throw new NotFoundError();
  const episode = await tx.episode.findFirst({
    where: agencyScope(actor).where({ id: episodeId }),
    select: { id: true, agencyId: true, agency: { select: { timeZone: true } } },
  });
  if (!episode) throw new NotFoundError();
  return episode;
}

/** The episode a photo is added to or removed from: in scope, and still open to change by episodeProgress(). */
export async function changeableEpisode(tx: Tx, actor: Actor, episodeId: string, now: Date): Promise<EpisodeFacts> {
  const { facts, rules } = await loadEpisode(tx, actor, episodeId);
  if (!episodeProgress(facts, now, rules).editable) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
  return facts;
}
