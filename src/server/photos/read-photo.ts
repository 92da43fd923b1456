import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { isUuid } from "@/lib/uuid";

/** The stored JPEG of one photo, through the agency scope; any other agency gets a 404. */
export async function readPhoto(actor: Actor, input: { episodeId: string; photoId: string; size: string }): Promise<Buffer> {
  assertCan(actor, "cases:view");
  if (!isUuid(input.episodeId) || !isUuid(input.photoId) || (input.size !== "display" && input.size !== "thumbnail")) throw new NotFoundError();
  const where = agencyScope(actor).where({ id: input.photoId, episodeId: input.episodeId });
  const photo =
    input.size === "display"
      ? await db().photo.findFirst({ where, select: { displayJpeg: true } }).then((p) => p?.displayJpeg)
      : await db().photo.findFirst({ where, select: { thumbnailJpeg: true } }).then((p) => p?.thumbnailJpeg);
  if (!photo) throw new NotFoundError();
  return Buffer.from(photo);
}
