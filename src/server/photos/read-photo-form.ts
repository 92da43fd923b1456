import "server-only";
import { BadRequestError } from "@/server/use-case-errors";
import { MAX_PHOTO_BYTES } from "@/lib/photo-consent";
import type { PhotoUpload } from "./add-photo";
import { readAtMost } from "@/server/http/read-at-most";

/** The largest upload request: the 10 MB photo and the form around it. */
export const MAX_UPLOAD_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

/** The request is larger than any photo upload: answered with 413, the rest of it unread. */
export class UploadTooLargeError extends Error {
  constructor() {
    super("The photo is larger than 10 MB. Choose a smaller one.");
    this.name = "UploadTooLargeError";
  }
}

const FIELDS = new Set(["file", "takenOn", "attest"]);

/**
 * Reads the photo form of an upload request, streaming at most MAX_UPLOAD_BYTES of it: a larger
 * body is refused as soon as it passes that, whatever its Content-Length says or without one.
 */
export async function readPhotoForm(request: Request): Promise<PhotoUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) throw new BadRequestError("Send the photo as a form upload.");
  const body = await readAtMost(request, MAX_UPLOAD_BYTES, () => new UploadTooLargeError());
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new BadRequestError("The upload could not be read. Try again.");
  }
  if ([...form.keys()].some((key) => !FIELDS.has(key))) throw new BadRequestError("The form sent a field it does not have.");
  const file = form.get("file");
  return {
    file: file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0),
    fields: { takenOn: form.get("takenOn") ?? "", attest: form.get("attest") ?? "" },
  };
}
