/**
 * A copy of `bytes` that owns its whole ArrayBuffer (offset 0, exact length).
 *
 * Node hands out small Buffers (under 4 KB: `Buffer.from(base64)`, rows from the database, sharp's
 * output) as slices of one shared pool. A library that reads `view.buffer` from offset 0 (pdf-lib's
 * JPEG and font embedders did) then reads the pool instead of the image, and whether it fails
 * depends on where the slice landed. PDFKit 0.20 reads slices correctly (tests/unit/packet-pdf-photos
 * passes without the copy); photos still go through here, since copying one costs microseconds.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
