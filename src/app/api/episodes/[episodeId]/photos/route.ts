import { routeHandler } from "@/server/http/route-handler";
import { unproxiedRoute } from "@/server/http/unproxied-route";
import { addPhoto } from "@/server/photos/add-photo";
import { readPhotoForm, UploadTooLargeError } from "@/server/photos/read-photo-form";
import type { TApiError } from "@/lib/schemas/api-error";

/** Reads the upload only once addPhoto has checked who is uploading, how often, and to which episode. */
const handler = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  try {
    const added = await addPhoto(actor, { episodeId: params.episodeId, read: () => readPhotoForm(request) }, { requestId });
    return Response.json(added, { status: 201 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      const body: TApiError = { error: "The photo is larger than 10 MB.", fieldErrors: { file: error.message } };
      return Response.json(body, { status: 413 });
    }
    throw error;
  }
});

/** The proxy does not run for this route (src/proxy.ts). */
export const POST = unproxiedRoute(handler);
