import { routeHandler } from "@/server/http/route-handler";
import { BadRequestError } from "@/server/use-case-errors";
import { addPhoto } from "@/server/photos/add-photo";
import { MAX_PHOTO_BYTES } from "@/lib/photo-consent";
import type { TApiError } from "@/lib/schemas/api-error";

// Multipart overhead on top of the 10 MB photo.
const MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

export const POST = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_REQUEST_BYTES) {
    const body: TApiError = { error: "The photo is larger than 10 MB.", fieldErrors: { file: "The photo is larger than 10 MB. Choose a smaller one." } };
    return Response.json(body, { status: 413 });
  }
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) throw new BadRequestError("Send the photo as a form upload.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new BadRequestError("The upload could not be read. Try again.");
  }
  const allowed = new Set(["file", "takenOn", "attest"]);
  if ([...form.keys()].some((key) => !allowed.has(key))) throw new BadRequestError("The form sent a field it does not have.");
  const file = form.get("file");
  const bytes = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  const result = await addPhoto(
    actor,
    { episodeId: params.episodeId, file: bytes, fields: { takenOn: form.get("takenOn") ?? "", attest: form.get("attest") ?? "" } },
    { requestId },
  );
  return Response.json(result, { status: 201 });
});
