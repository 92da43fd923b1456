import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { calendarDateIn, dateColumnOf } from "@/domain/zoned-time";
import { isOlderThanRecentLimit } from "@/domain/photo-age";
import { ZPhotoUploadSchema, type TPhotoAdded } from "@/lib/schemas/photo-upload";
import { PHOTO_ATTESTATION } from "@/lib/photo-consent";
import { enforceRateLimits } from "@/server/rate-limit/rate-limit";
import { processPhoto } from "./process-photo";
import { photoDecodeSlots } from "./decode-slots";
import { changeableEpisode } from "./photo-episode";

export type PhotoUpload = { file: Buffer; fields: unknown };

/**
 * Checks, re-encodes and stores one photo with its consent; a refused file stores nothing. The
 * cheap checks come first (the role, the rate limit, the episode through the agency scope): only
 * then is the upload read (`read`, when the caller passes a reader) and decoded, a few at a time.
 */
export async function addPhoto(
  actor: Actor,
  input: { episodeId: string } & (PhotoUpload | { read: () => Promise<PhotoUpload> }),
  context: { requestId: string; now?: Date },
): Promise<TPhotoAdded> {
  assertCan(actor, "episodes:record");
  const now = context.now ?? new Date();
  await enforceRateLimits([{ limit: "photo-upload", subject: actor.userId }], auditWho(actor, context.requestId), { now });
  const { child } = await db().$transaction((tx) => changeableEpisode(tx, actor, input.episodeId, now));

  const upload = "read" in input ? await input.read() : input;
  const parsed = ZPhotoUploadSchema.safeParse(upload.fields);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  const processed = await photoDecodeSlots.run(() => processPhoto(upload.file));
  if (!processed.ok) errors.file = processed.refusal.message;
  if (parsed.success && !errors.takenOn) {
    const takenOn = dateColumnOf(parsed.data.takenOn);
    if (parsed.data.takenOn > calendarDateIn(now, actor.agency.timeZone)) errors.takenOn = "The date the photo was taken cannot be in the future";
    else if (Number.isNaN(takenOn.getTime())) errors.takenOn = "Enter the date the photo was taken";
    else if (parsed.data.takenOn < child.dateOfBirth) errors.takenOn = "The photo cannot be older than the child";
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !processed.ok) throw new ValidationError(errors);

  const { photo } = processed;
  return db().$transaction(async (tx) => {
    // Again, in the transaction that stores the photo: the episode may have closed while it decoded.
    const episode = await changeableEpisode(tx, actor, input.episodeId, now);
    const takenOn = dateColumnOf(parsed.data.takenOn);
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
    await audit(tx, auditWho(actor, context.requestId), "photo.added", {
      target: { type: "Episode", id: episode.id },
      details: { photoId: created.id, sha256, sourceFormat: photo.sourceFormat },
    });
    return { photoId: created.id, olderThanRecentLimit: isOlderThanRecentLimit(parsed.data.takenOn, now, episode.timeZone) };
  });
}
