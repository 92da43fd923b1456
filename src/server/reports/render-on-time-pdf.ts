import "server-only";
import { metadataText, taggedDocument } from "@/server/pdf/tagged-document";
import type { DocumentTable, OnTimeDocument } from "./on-time-report-document";

/**
 * The on-time report as a printable, tagged PDF (PDF/UA-1) an agency can hand to an auditor, drawn
 * with PDFKit like the packet (docs/decisions/014-tagged-pdf-packets.md): Noto Sans embedded, a
 * structure tree in reading order (H1, the facts as a Table of TH (scope Row) + TD, then a Sect per
 * table with its H2 and a Table whose first row is TH (scope Column) and whose rows start with a TH
 * (scope Row)), the running header and the page numbers as artifacts, the language, the title
 * shown as the window's title, and PDF/UA identification in XMP. Landscape: the figures are wide.
 */

// pdfkit 0.20's table and structure options that @types/pdfkit 0.17 does not know yet.
type Cell = PDFKit.Mixins.CellOptions & { scope?: "Row" | "Column" };
type TableOptions = PDFKit.Mixins.TableOptionsWithData & { structParent?: PDFKit.PDFStructureElement; data: Cell[][] };
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 792, height: 612 };
const MARGINS = { top: 64, bottom: 54, left: 48, right: 48 };
const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const INK = "#1a1a1f";
const MUTED = "#595966";
const RULE = "#8c8c99";

export async function renderOnTimePdf(document: OnTimeDocument, generatedAt: Date): Promise<Uint8Array> {
  const { doc, finish } = taggedDocument({
    size: [PAGE.width, PAGE.height],
    margins: MARGINS,
    info: { Title: metadataText(document.title), Author: metadataText(document.facts[0]?.[1] ?? ""), Subject: "On-time reporting of missing children", Creator: "Homeward", Producer: "Homeward with PDFKit", CreationDate: generatedAt },
  });
  doc.font("regular").fontSize(9.5).fillColor(INK);

  const root = doc.struct("Document");
  doc.addStructure(root);
  heading(doc, root, "H1", document.title, 17);
  doc.moveDown(0.6);
  table(doc, root, document.facts.map(([label, value]) => [{ text: label, type: "TH", scope: "Row", font: { src: "bold" } }, { text: value }]), [200, "*"]);

  for (const section of document.tables) {
    const sect = doc.struct("Sect");
    root.add(sect);
    // Keep a heading with at least a few lines of its table.
    if (doc.y > doc.page.maxY() - 90) doc.addPage();
    doc.moveDown(1.2);
    heading(doc, sect, "H2", section.title, 12.5);
    doc.moveDown(0.4);
    if (section.rows.length === 0 && section.empty) paragraph(doc, sect, section.empty);
    else table(doc, sect, rowsOf(section), columnWidths(section));
    sect.end();
  }
  root.end();

  // Running header and page numbers: every page is laid out first, then each gets its artifacts.
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Drawing in the margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination", attached: ["Top"] } as PDFKit.Mixins.MarkingOptions);
    doc.font("bold").fontSize(8.5).fillColor(MUTED).text(document.title, MARGINS.left, 30, { lineBreak: false });
    doc.endMarkedContent();
    doc.markContent("Artifact", { type: "Pagination", attached: ["Bottom"] } as PDFKit.Mixins.MarkingOptions);
    doc.font("regular").fontSize(8.5).fillColor(MUTED).text(`Page ${index + 1} of ${count}`, MARGINS.left, PAGE.height - 36, { lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  return finish();
}

function heading(doc: PDFKit.PDFDocument, parent: Struct, tag: "H1" | "H2", text: string, size: number) {
  const element = doc.struct(tag);
  parent.add(element);
  element.add(() => doc.font("bold").fontSize(size).fillColor(INK).text(text, MARGINS.left, doc.y, { width: CONTENT_WIDTH }));
  element.end();
  doc.font("regular").fontSize(9.5);
}

function paragraph(doc: PDFKit.PDFDocument, parent: Struct, text: string) {
  const element = doc.struct("P");
  parent.add(element);
  element.add(() => doc.font("regular").fontSize(9.5).fillColor(INK).text(text, MARGINS.left, doc.y, { width: CONTENT_WIDTH }));
  element.end();
}

/** A table's header row (TH, scope Column), then its rows, each named by its first cell (TH, scope Row). */
function rowsOf(section: DocumentTable): Cell[][] {
  return [
    section.columns.map((column): Cell => ({ text: column, type: "TH", scope: "Column", font: { src: "bold" }, backgroundColor: "#eeeef2" })),
    ...section.rows.map((row) => row.map((text, index): Cell => (index === 0 ? { text, type: "TH", scope: "Row", font: { src: "bold" } } : { text }))),
  ];
}

/** Narrow columns for numbers; the words get the rest. */
function columnWidths(section: DocumentTable): (number | string)[] {
  const numeric = section.rows.length > 0 && section.columns.slice(1).every((_, index) => section.rows.every((row) => /^[\d.%]*$|^None due yet$/.test(row[index + 1] ?? "")));
  return section.columns.map((_, index) => (index === 0 && numeric ? 230 : "*"));
}

function table(doc: PDFKit.PDFDocument, parent: Struct, data: Cell[][], widths: (number | string)[]) {
  const options: TableOptions = {
    structParent: parent,
    data,
    position: { x: MARGINS.left },
    maxWidth: CONTENT_WIDTH,
    columnStyles: widths,
    defaultStyle: { border: 0.5, borderColor: RULE, padding: [3, 4, 3, 4], textColor: INK },
  };
  doc.font("regular").fontSize(9).fillColor(INK);
  doc.table(options);
  doc.x = MARGINS.left;
}
