import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

/**
 * What every tagged PDF Homeward draws shares (the packet, the on-time report): PDF 1.7, tagged,
 * in US English, its title shown as the window's title, PDF/UA identification in its XMP, Noto Sans
 * embedded as the only font, pages kept until the end for "page N of M". See
 * docs/decisions/014-tagged-pdf-packets.md.
 */

export type FontKey = "regular" | "bold";

/**
 * A parsed font (fontkit's), which PDFKit 0.20 accepts in place of a file: parsing Noto Sans's
 * layout tables is most of the cost of a document, so it is done once per process, not per
 * document. Each document still makes its own subset. PDFKit does not export its parser, so a
 * document that is never written opens the file once; if that ever stops giving a parsed font, the
 * bytes are used as they are (correct, only slower).
 */
export type FontSource = Uint8Array | { layout: (...args: never[]) => unknown; hasGlyphForCodePoint?: (codePoint: number) => boolean };

let parsedFonts: Record<FontKey, FontSource> | null = null;

export function documentFonts(): Record<FontKey, FontSource> {
  if (!parsedFonts) {
    const parse = (bytes: Uint8Array): FontSource => {
      const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
      probe.font(bytes);
      const parsed = (probe as unknown as { _font?: { font?: FontSource } })._font?.font;
      return parsed && "layout" in parsed && typeof parsed.layout === "function" ? parsed : bytes;
    };
    // Read from the installed package at run time, each path spelled out so that the server build
    // traces these two files only (and does not try to load a .ttf as a module). The app, its
    // scripts and its tests all run from the project's root.
    parsedFonts = {
      regular: parse(readFileSync(path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans", "400Regular", "NotoSans_400Regular.ttf"))),
      bold: parse(readFileSync(path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans", "700Bold", "NotoSans_700Bold.ttf"))),
    };
  }
  return parsedFonts;
}

/** Text for the document information and XMP: PDFKit writes it into XML as it is. */
export const metadataText = (text: string) => text.normalize("NFC").replace(/&/g, " and ").replace(/[<>]/g, "").replace(/\s+/g, " ").trim();

export const DOCUMENT_LANGUAGE = "en-US";

/**
 * A new tagged document with the fonts registered as "regular" and "bold", and `finish()`, which
 * ends it and answers its bytes. `info` is written as given (pass it through metadataText).
 */
export function taggedDocument(options: {
  size: [number, number];
  margin?: number;
  margins?: { top: number; bottom: number; left: number; right: number };
  info: PDFKit.DocumentInfo;
}): { doc: PDFKit.PDFDocument; finish(): Promise<Uint8Array> } {
  const { regular, bold } = documentFonts();
  const doc = new PDFDocument({
    size: options.size,
    ...(options.margins ? { margins: options.margins } : { margin: options.margin ?? 0 }),
    pdfVersion: "1.7",
    tagged: true,
    lang: DOCUMENT_LANGUAGE,
    displayTitle: true,
    subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
    bufferPages: true,
    // No standard font is ever opened: PDF/UA wants every font embedded.
    font: null as unknown as string,
    info: options.info,
  });
  doc.registerFont("regular", regular as Buffer);
  doc.registerFont("bold", bold as Buffer);
  const chunks: Uint8Array[] = [];
  doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
