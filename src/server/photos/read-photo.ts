import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { isUuid } from "@/lib/uuid";
import { audit, auditWho } from "@/server/audit/audit";

/** The stored JPEG of one photo, through the agency scope; any other agency gets a 404. Every read is audited. */
export async function readPhoto(actor: Actor, input: { episodeId: string; photoId: string; size: string }, context: { requestId: string }): Promise<Buffer> {
  assertCan(actor, "cases:view");
  const { size } = input;
  if (!isUuid(input.episodeId) || !isUuid(input.photoId) || (size !== "display" && size !== "thumbnail")) throw new NotFoundError();
  const where = agencyScope(actor).where({ id: input.photoId, episodeId: input.episodeId });
  return db().$transaction(async (tx) => {
    const photo =
      size === "display"
        ? await tx.photo.findFirst({ where, select: { displayJpeg: true } }).then((p) => p?.displayJpeg)
        : await tx.photo.findFirst({ where, select: { thumbnailJpeg: true } }).then((p) => p?.thumbnailJpeg);
    if (!photo) throw new NotFoundError();
    await audit(tx, auditWho(actor, context.requestId), "photo.viewed", { target: { type: "Episode", id: input.episodeId }, details: { photoId: input.photoId, size } });
    return Buffer.from(photo);
  });
}
