import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { changeableEpisode } from "./photo-episode";
import { isUuid } from "@/lib/uuid";

export async function removePhoto(actor: Actor, input: { episodeId: string; photoId: string }, context: { requestId: string; now?: Date }): Promise<void> {
  assertCan(actor, "episodes:record");
  if (!isUuid(input.photoId)) throw new NotFoundError();
  await db().$transaction(async (tx) => {
    const episode = await changeableEpisode(tx, actor, input.episodeId, context.now ?? new Date());
    const { count } = await tx.photo.deleteMany({ where: { id: input.photoId, episodeId: episode.id, agencyId: episode.agencyId } });
    if (count === 0) throw new NotFoundError();
    await audit(tx, auditWho(actor, context.requestId), "photo.removed", { target: { type: "Episode", id: episode.id }, details: { photoId: input.photoId } });
  });
}
