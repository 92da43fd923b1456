import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { calendarDateIn } from "@/domain/zoned-time";
import { calendarDate } from "@/lib/schemas/fields";
import { PHOTO_ATTESTATION } from "@/lib/photo-consent";
import { isOlderThanRecentLimit } from "@/domain/photo-age";
import { processPhoto } from "./process-photo";

const isUuid = (value: string) => /^[0-9a-f-]{36}$/i.test(value);

export const ZPhotoUploadSchema = z.object({
  takenOn: calendarDate("Enter the date the photo was taken"),
  attest: z.literal("yes", "Confirm the statement about the photo to upload it"),
});

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

async function episodeInScope(tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0], actor: Actor, episodeId: string) {
  if (!isUuid(episodeId)) throw new NotFoundError();
  const episode = await tx.episode.findFirst({
    where: agencyScope(actor).where({ id: episodeId }),
    select: { id: true, agencyId: true, closedAt: true, agency: { select: { timeZone: true } }, child: { select: { dateOfBirth: true } } },
  });
  if (!episode) throw new NotFoundError();
  return episode;
}

function assertOpen(episode: { closedAt: Date | null }) {
  if (episode.closedAt) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
}

/** Checks, re-encodes and stores one photo with its consent; a refused file stores nothing. */
export async function addPhoto(
  actor: Actor,
  input: { episodeId: string; file: Buffer; fields: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ photoId: string; olderThanRecentLimit: boolean }> {
  assertCan(actor, "reports:file");
  const now = context.now ?? new Date();
  const parsed = ZPhotoUploadSchema.safeParse(input.fields);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  const processed = await processPhoto(input.file);
  if (!processed.ok) errors.file = processed.refusal.message;
  if (parsed.success && !errors.takenOn) {
    const takenOn = new Date(`${parsed.data.takenOn}T00:00:00Z`);
    if (parsed.data.takenOn > calendarDateIn(now, actor.agency.timeZone)) errors.takenOn = "The date the photo was taken cannot be in the future";
    else if (Number.isNaN(takenOn.getTime())) errors.takenOn = "Enter the date the photo was taken";
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !processed.ok) throw new ValidationError(errors);

  const { photo } = processed;
  return db().$transaction(async (tx) => {
    const episode = await episodeInScope(tx, actor, input.episodeId);
    assertOpen(episode);
    const takenOn = new Date(`${parsed.data.takenOn}T00:00:00Z`);
    if (takenOn < episode.child.dateOfBirth) throw new ValidationError({ takenOn: "The photo cannot be older than the child" });
    const sha256 = createHash("sha256").update(photo.display.data).digest("hex");
    const created = await tx.photo.create({
      data: {
        agencyId: episode.agencyId,
        episodeId: episode.id,
        takenOn,
        sourceFormat: photo.sourceFormat,
        displayJpeg: new Uint8Array(photo.display.data),
        displayWidth: photo.display.width,
        displayHeight: photo.display.height,
        thumbnailJpeg: new Uint8Array(photo.thumbnail),
        sha256,
        uploadedById: actor.userId,
        uploadedAt: now,
        attestedById: actor.userId,
        attestedAt: now,
        attestationText: PHOTO_ATTESTATION,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "photo.added",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Episode", id: episode.id },
      details: { photoId: created.id, sha256, sourceFormat: photo.sourceFormat },
    });
    return { photoId: created.id, olderThanRecentLimit: isOlderThanRecentLimit(parsed.data.takenOn, now, episode.agency.timeZone) };
  });
}

export async function removePhoto(actor: Actor, input: { episodeId: string; photoId: string }, context: { requestId: string }): Promise<void> {
  assertCan(actor, "reports:file");
  if (!isUuid(input.photoId)) throw new NotFoundError();
  await db().$transaction(async (tx) => {
    const episode = await episodeInScope(tx, actor, input.episodeId);
    assertOpen(episode);
    const { count } = await tx.photo.deleteMany({ where: { id: input.photoId, episodeId: episode.id, agencyId: episode.agencyId } });
    if (count === 0) throw new NotFoundError();
    await recordAuditEvent(tx, {
      action: "photo.removed",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Episode", id: episode.id },
      details: { photoId: input.photoId },
    });
  });
}

export async function listPhotos(actor: Actor, episodeId: string, context: { now?: Date } = {}): Promise<PhotoSummary[]> {
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
    return photos.map((p) => ({
      id: p.id,
      takenOn: p.takenOn.toISOString().slice(0, 10),
      width: p.displayWidth,
      height: p.displayHeight,
      uploadedAt: p.uploadedAt,
      attestedBy: people.find((u) => u.id === p.attestedById)?.name ?? "Unknown",
      attestedAt: p.attestedAt,
      olderThanRecentLimit: isOlderThanRecentLimit(p.takenOn.toISOString().slice(0, 10), now, episode.agency.timeZone),
    }));
  });
}

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
