import "server-only";
import { calendarDateOf } from "@/domain/zoned-time";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import type { PacketSource } from "@/domain/packet";
import { loadEpisode } from "@/server/episodes/load-episode";
import { readMissingEventDetails } from "@/server/episodes/episode-documents";

/** Loads everything the packet needs, through the agency scope (another agency's episode is not found). */
export async function loadPacketSource(tx: Tx, actor: Actor, episodeId: string): Promise<PacketSource> {
  const { facts, agencyName, rules } = await loadEpisode(tx, actor, episodeId);
  const scope = agencyScope(actor);
  const photos = await tx.photo.findMany({
    where: { episodeId: facts.id, agencyId: scope.agencyId },
    orderBy: { uploadedAt: "asc" },
    select: { id: true, takenOn: true, displayJpeg: true, displayWidth: true, displayHeight: true, attestedById: true, attestedAt: true, attestationText: true },
  });
  const people = await tx.user.findMany({ where: scope.where({ id: { in: photos.map((p) => p.attestedById) } }), select: { id: true, name: true } });
  const earlier = await tx.episode.findMany({
    // A voided episode was entered in error: it is no earlier episode.
    where: scope.where({ childId: facts.child.id, id: { not: facts.id }, createdAt: { lt: facts.createdAt }, voidedAt: null }),
    orderBy: { createdAt: "asc" },
    select: { id: true, discoveredAt: true, lastSeenAt: true, missingEvent: true, closedAt: true },
  });
  return {
    agencyName,
    facts,
    rules,
    photos: photos.map((p) => ({
      id: p.id,
      takenOn: calendarDateOf(p.takenOn),
      width: p.displayWidth,
      height: p.displayHeight,
      jpegBase64: Buffer.from(p.displayJpeg).toString("base64"),
      attestedBy: people.find((u) => u.id === p.attestedById)?.name ?? "Unknown",
      attestedAt: p.attestedAt,
      attestationText: p.attestationText,
    })),
    earlierEpisodes: earlier.map((e) => ({
      id: e.id,
      discoveredAt: e.discoveredAt,
      lastSeenAt: e.lastSeenAt,
      circumstances: e.missingEvent === null ? "" : readMissingEventDetails(e.missingEvent).circumstances,
      closedAt: e.closedAt,
    })),
  };
}
