import { describe, expect, it } from "vitest";
import sharp from "sharp";
import PDFDocument from "pdfkit";
import { buildFullPacket, toPublicSafe } from "@/domain/packet";
import { embedPhoto, renderPacketPdf } from "@/server/packets/render-packet-pdf";
import { completePacketSource } from "../fixtures/packet-source";
import { pdfImageCounts } from "../support/pdf-text";

const now = new Date("2026-11-22T12:00:00Z");

/** A plain image re-encodes to a few hundred bytes: under Node's 4 KB pool, like a real small photo. */
const smallJpeg = () => sharp({ create: { width: 24, height: 32, channels: 3, background: "#7a5230" } }).jpeg().toBuffer();

/** The same bytes as Node hands them out: a slice of a larger, shared buffer, somewhere past its start. */
function pooledSlice(bytes: Buffer, offset: number): Buffer {
  const pool = Buffer.alloc(8192, 0x5a);
  bytes.copy(pool, offset);
  return pool.subarray(offset, offset + bytes.length);
}

// Twenty PDFs, each read back with pdf.js: seconds on a busy two-core machine.
describe("photos in the packet PDF", { timeout: 30_000 }, () => {
  it("embeds a JPEG handed over as a slice of a larger pool", async () => {
    const jpeg = await smallJpeg();
    expect(jpeg.length).toBeLessThan(4096);
    for (const offset of [1, 517, 4000]) {
      const doc = new PDFDocument({ autoFirstPage: false });
      const image = embedPhoto(doc as Parameters<typeof embedPhoto>[0], pooledSlice(jpeg, offset));
      expect([image.width, image.height]).toEqual([24, 32]);
    }
  });

  it("renders the full and the public-safe PDF with small photos, every time", async () => {
    const jpeg = await smallJpeg();
    const photo = (id: string) => ({ id, takenOn: "2026-10-01", width: 24, height: 32, jpegBase64: jpeg.toString("base64"), attestedBy: "Casey Worker", attestedAt: now, attestationText: "I attest." });
    const source = { ...completePacketSource(now), photos: [photo("6f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5"), photo("7f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d6")] };
    const full = buildFullPacket(source, now);
    for (let run = 0; run < 10; run++) {
      // Other small allocations move where the next base64 decode lands in Node's pool.
      Buffer.from("x".repeat(run * 37 + 1));
      for (const packet of [full, toPublicSafe(full)]) {
        const counts = await pdfImageCounts(await renderPacketPdf(packet));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
      }
    }
  });
});
