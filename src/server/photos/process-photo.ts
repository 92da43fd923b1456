import "server-only";
import sharp, { type OutputInfo } from "sharp";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from "@/lib/photo-consent";

export type PhotoRefusal = { code: "EMPTY" | "TOO_LARGE" | "NOT_A_PHOTO" | "POLYGLOT" | "TOO_MANY_PIXELS" | "DAMAGED" | "HEIC_UNREADABLE"; message: string };
export type ProcessedPhoto = {
  sourceFormat: "jpeg" | "png" | "webp" | "heif";
  display: { data: Buffer; width: number; height: number };
  thumbnail: Buffer;
};

const DISPLAY_EDGE = 1600;
const THUMBNAIL_EDGE = 320;
const HEIF_BRANDS = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"];

/** The format by content (magic bytes), never by name; null for anything but the four photo formats. */
export function sniffFormat(bytes: Buffer): ProcessedPhoto["sourceFormat"] | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && bytes.toString("latin1", 4, 8) === "ftyp" && HEIF_BRANDS.includes(bytes.toString("latin1", 8, 12))) return "heif";
  return null;
}

const FOREIGN_MARKERS = ["<script", "<SCRIPT", "<html", "<HTML", "<?php", "<svg", "%PDF-", "<!DOCTYPE", "<!doctype", "PK\u0003\u0004"].map((m) => Buffer.from(m, "latin1"));

/**
 * A file that is a valid image and also something else (an archive, a script, a page) hides the
 * other part after the image's end or in its body. The image formats all say where they end.
 */
export function looksLikePolyglot(bytes: Buffer, format: ProcessedPhoto["sourceFormat"]): boolean {
  if (FOREIGN_MARKERS.some((marker) => bytes.includes(marker))) return true;
  const trailing = (end: number) => bytes.subarray(end).some((byte) => byte !== 0x00);
  switch (format) {
    case "jpeg": {
      const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return end < 0 || trailing(end + 2);
    }
    case "png": {
      const end = bytes.lastIndexOf(Buffer.from("IEND", "latin1"));
      return end < 0 || trailing(end + 8);
    }
    case "webp":
      return bytes.readUInt32LE(4) + 8 + (bytes.readUInt32LE(4) % 2) < bytes.length;
    case "heif": {
      // Top-level ISO-BMFF boxes must tile the file exactly.
      let offset = 0;
      while (offset + 8 <= bytes.length) {
        const size = bytes.readUInt32BE(offset);
        if (size === 0) return false; // the last box runs to the end of the file
        // size 1: a 64-bit size follows; it must cover at least its own 16-byte header.
        const boxSize = size === 1 ? (offset + 16 <= bytes.length ? Number(bytes.readBigUInt64BE(offset + 8)) : 0) : size;
        if (boxSize < (size === 1 ? 16 : 8)) return true;
        offset += boxSize;
      }
      return offset !== bytes.length;
    }
  }
}

/**
 * Checks an uploaded photo and re-encodes it: upright, every piece of metadata (EXIF, GPS, XMP,
 * ICC) dropped, a display size and a thumbnail, both JPEG.
 */
export async function processPhoto(bytes: Buffer): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; refusal: PhotoRefusal }> {
  const refuse = (code: PhotoRefusal["code"], message: string) => ({ ok: false as const, refusal: { code, message } });
  if (bytes.length === 0) return refuse("EMPTY", "The file is empty. Choose the photo again.");
  if (bytes.length > MAX_PHOTO_BYTES) return refuse("TOO_LARGE", "The photo is larger than 10 MB. Choose a smaller one.");
  const format = sniffFormat(bytes);
  if (!format) return refuse("NOT_A_PHOTO", "This file is not a JPEG, PNG, WebP or HEIC photo, whatever its name says.");
  const polyglot = refuse("POLYGLOT", "This file contains something other than a photo and cannot be accepted.");
  if (FOREIGN_MARKERS.some((marker) => bytes.includes(marker))) return polyglot;

  const unreadable = () =>
    format === "heif"
      ? refuse("HEIC_UNREADABLE", "This HEIC photo cannot be read here. Save it as JPEG and upload that (on an iPhone: Settings, Camera, Formats, Most Compatible).")
      : refuse("DAMAGED", "The photo file is damaged or incomplete. Choose the original photo again.");

  // The header alone says how many pixels there are: refuse a flood before decoding it.
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    return unreadable();
  }
  if (!width || !height || width * height > MAX_PHOTO_PIXELS) {
    return refuse("TOO_MANY_PIXELS", "The photo has more than 40 megapixels. Choose a smaller one.");
  }

  // Decode once, upright, to raw pixels: a damaged or truncated file fails here (sharp fails on
  // warnings), and nothing of the original file (metadata, trailing data) survives into the output.
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "warning" }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch {
    return unreadable();
  }
  // A whole image with more after its end is two files in one.
  if (looksLikePolyglot(bytes, format)) return polyglot;

  const raw = { raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels } };
  const encode = (edge: number, quality: number) =>
    sharp(pixels.data, raw)
      .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  const [display, thumbnail] = await Promise.all([encode(DISPLAY_EDGE, 85), encode(THUMBNAIL_EDGE, 80)]);
  return { ok: true, photo: { sourceFormat: format, display: { data: display.data, width: display.info.width, height: display.info.height }, thumbnail: thumbnail.data } };
}
