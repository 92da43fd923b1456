import "server-only";
import { calendarDateOf } from "@/domain/zoned-time";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { isOlderThanRecentLimit } from "@/domain/photo-age";
import { audit, auditWho } from "@/server/audit/audit";
import { episodeInScope } from "./photo-episode";

export type PhotoSummary = {
  id: string;
  takenOn: string;
  width: number;
  height: number;
  uploadedAt: Date;
  attestedBy: string;
  attestedAt: Date;
  olderThanRecentLimit: boolean;
};

/** The photos of one episode, through the agency scope; looking at them is audited. */
export async function listPhotos(actor: Actor, episodeId: string, context: { requestId: string; now?: Date }): Promise<PhotoSummary[]> {
  assertCan(actor, "cases:view");
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const episode = await episodeInScope(tx, actor, episodeId);
    const photos = await tx.photo.findMany({
      where: { episodeId: episode.id, agencyId: episode.agencyId },
      orderBy: { uploadedAt: "asc" },
      select: { id: true, takenOn: true, displayWidth: true, displayHeight: true, uploadedAt: true, attestedById: true, attestedAt: true },
    });
    const people = await tx.user.findMany({ where: { agencyId: episode.agencyId, id: { in: photos.map((p) => p.attestedById) } }, select: { id: true, name: true } });
    await audit(tx, auditWho(actor, context.requestId), "photos.listed", { target: { type: "Episode", id: episode.id }, details: { count: photos.length } });
    return photos.map((p) => ({
      id: p.id,
      takenOn: calendarDateOf(p.takenOn),
      width: p.displayWidth,
      height: p.displayHeight,
      uploadedAt: p.uploadedAt,
      attestedBy: people.find((u) => u.id === p.attestedById)?.name ?? "Unknown",
      attestedAt: p.attestedAt,
      olderThanRecentLimit: isOlderThanRecentLimit(calendarDateOf(p.takenOn), now, episode.agency.timeZone),
    }));
  });
}
