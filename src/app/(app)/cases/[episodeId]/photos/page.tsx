import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { can } from "@/server/authz/permissions";
import { listPhotos } from "@/server/photos/list-photos";
import { currentRequestId } from "@/server/request-id";
import { formatInstant } from "@/lib/format-time";
import { RECENT_PHOTO_DAYS } from "@/lib/photo-consent";
import { PhotoUpload } from "@/features/photos/photo-upload";
import { RemovePhotoButton } from "@/features/photos/remove-photo-button";

export const metadata: Metadata = { title: "Photos" };

export default async function PhotosPage({ params }: { params: Promise<{ episodeId: string }> }) {
  const actor = await requirePageActor("/cases/[episodeId]/photos");
  const { episodeId } = await params;
  const photos = await orNotFound(listPhotos(actor, episodeId, { requestId: await currentRequestId() }), { actor, page: "/cases/[episodeId]/photos" });
  const canUpload = can(actor.roles, "episodes:record");
  return (
    <>
      <p>
        <Link href={`/cases/${episodeId}`} className="text-blue-800 underline">
          Back to the case
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Photos of the child</h1>
      <p className="mt-2 max-w-prose">
        NCMEC asks for a recent, clear color photo. Every photo is turned upright and stripped of its metadata (location
        included) before it is stored.
      </p>
      {photos.length === 0 ? <p className="mt-6">No photos yet.</p> : null}
      <ul className="mt-6 grid gap-6 sm:grid-cols-2">
        {photos.map((photo, index) => (
          <li key={photo.id} className="rounded border border-slate-300 bg-white p-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- served from the database through the agency scope */}
            <img
              src={`/api/episodes/${episodeId}/photos/${photo.id}/thumbnail`}
              alt={`Photo ${index + 1} of the child, taken ${photo.takenOn}`}
              className="max-h-64 w-auto"
            />
            <p className="mt-2">Taken {photo.takenOn}</p>
            {photo.olderThanRecentLimit ? (
              <p className="mt-1 font-semibold text-amber-900">
                More than {RECENT_PHOTO_DAYS} days old: law enforcement must update NCIC with a photo taken within {RECENT_PHOTO_DAYS} days.
              </p>
            ) : null}
            <p className="mt-1 text-sm text-slate-700">
              Consent given by {photo.attestedBy}, {formatInstant(photo.attestedAt, actor.agency.timeZone)}
            </p>
            <p className="mt-2 flex flex-wrap gap-3">
              <a href={`/api/episodes/${episodeId}/photos/${photo.id}/display`} className="text-blue-800 underline">
                Open photo {index + 1} full size
              </a>
            </p>
            {canUpload ? (
              <div className="mt-2">
                <RemovePhotoButton episodeId={episodeId} photoId={photo.id} label={`photo ${index + 1}`} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canUpload ? (
        <div className="mt-8">
          <PhotoUpload episodeId={episodeId} />
        </div>
      ) : null}
    </>
  );
}
