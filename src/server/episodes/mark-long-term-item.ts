import "server-only";
import type { Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { audit } from "@/server/audit/audit";
import { LONG_TERM_ITEMS } from "@/domain/code-sets";
import { ZLongTermItemDoneSchema } from "@/lib/schemas/episode-search";
import { EpisodeRefusedError } from "./change-episode";
import { changeSearch } from "./search-change";

/**
 * Marks an item of the long-term missing checklist done, with who and when. Marking it again keeps
 * the first record. An item that is not on the checklist is not found; refused before the child has
 * been missing the agency's number of days.
 */
export async function markLongTermItem(
  actor: Actor,
  input: { episodeId: string; item: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  const item = LONG_TERM_ITEMS.find(({ code }) => code === input.item)?.code;
  if (!item) throw new NotFoundError();
  return changeSearch(actor, input, context, ZLongTermItemDoneSchema, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    const longTerm = progress.longTerm;
    if (!longTerm) throw new EpisodeRefusedError("search", "not-long-term", "The long-term checklist starts once the child has been missing the agency's number of days.");
    if (longTerm.items.some((entry) => entry.item === item && entry.done)) return {};
    await tx.longTermItem.create({ data: { agencyId: facts.agencyId, episodeId: facts.id, item, doneAt: now, doneById: actor.userId } });
    await audit(tx, who, "search.long_term_item_done", { target: { type: "Episode", id: facts.id }, details: { item } });
    return {};
  });
}
