import "server-only";
import { documentFonts, metadataText, taggedDocument, type FontKey } from "@/server/pdf/tagged-document";
import type { FullPacket, Packet } from "@/domain/packet";
import { formatInstant } from "@/lib/format-time";
import { RECENT_PHOTO_DAYS } from "@/domain/photo-age";
import { ownedBytes } from "@/lib/owned-bytes";
import { answerLabel } from "@/domain/code-sets";

/**
 * The packet as a tagged PDF (PDF/UA-1): drawn directly with PDFKit from the packet object, with a
 * structure tree in reading order (H1, a Sect with an H2 per section, label/value rows as a Table of
 * TR > TH (scope Row) + TD, lists as L > LI > LBody, photos as Figures with a text alternative),
 * running headers, footers, rules and the draft watermark as artifacts, and Noto Sans embedded
 * (subset, with a ToUnicode map) so any Latin, Greek, Cyrillic or Vietnamese name is drawn and
 * copied as written. See docs/decisions/014-tagged-pdf-packets.md.
 */

// pdfkit 0.20 options and structure options that @types/pdfkit 0.17 does not know yet.
type StructOptions = PDFKit.Mixins.StructureElementOptions & {
  scope?: "Row" | "Column" | "Both";
  bbox?: [number, number, number, number];
  placement?: "Block" | "Inline";
};
type OpenedImage = { width: number; height: number };
type Doc = PDFKit.PDFDocument & { openImage(src: Uint8Array): OpenedImage };
type Struct = PDFKit.PDFStructureElement;

/** A value is text (may hold paragraphs split by "\n") or a list of items, each drawn on its own lines. */
type Value = string | string[];
type Row = [string, Value];
type Section = { title: string; rows?: Row[]; photos?: boolean };

const PAGE = { width: 612, height: 792, margin: 54 };
const CONTENT_TOP = 96;
const LABEL_WIDTH = 160;
const INK = "#1a1a1f";
const MUTED = "#595966";
const ALERT = "#990d0d";

const when = (iso: string | null | undefined, tz: string) => (iso ? formatInstant(new Date(iso), tz) : "");
const list = (items: string[]) => items.filter(Boolean);
const clockWords = (clock: FullPacket["episode"]["lawEnforcementClock"], tz: string) =>
  clock ? `${clock.state.code === "overdue" ? clock.state.label.toUpperCase() : clock.state.label}; deadline ${when(clock.deadline, tz)}` : "Clock not started";
const isEmpty = (value: Value) => (typeof value === "string" ? value === "" : value.length === 0);

/** The sections in the order NCMEC asks for them. */
function sections(packet: Packet): Section[] {
  if (packet.variant === "public-safe") {
    const p = packet;
    return [
      { title: "Missing child", rows: [["Name", p.child.fullName], ["Also known as", p.child.aliases.join(", ")], ["Date of birth", p.child.dateOfBirth], ["Age when missing", p.child.ageWhenMissing?.toString() ?? ""], ["Sex", p.child.sex.label], ["Race", p.child.races.map((r) => r.label).join(", ")]] },
      { title: "Description", rows: descriptionRows(p.description) },
      { title: "Photos", photos: true },
      { title: "Last seen", rows: p.lastSeen ? [["Date", p.lastSeen.date ?? ""], ["Town", p.lastSeen.city], ["Clothing", p.lastSeen.clothing]] : [] },
      {
        title: "If you have information",
        rows: [
          ...(p.contact.lawEnforcementAgency ? ([["Call", `${p.contact.lawEnforcementAgency}, ${p.contact.lawEnforcementPhone}`]] as Row[]) : []),
          ["Or call NCMEC", `1-800-THE-LOST (${p.contact.ncmecPhone})`],
        ],
      },
    ];
  }
  const p = packet;
  const tz = p.agency.timeZone;
  const le = p.lawEnforcement;
  const orNoneKnown = (items: string[]): Value => (items.length ? items : "None known");
  return [
    { title: "Reporting party", rows: p.reportingParty ? [["Name", p.reportingParty.name], ["Agency", p.reportingParty.agency], ["Phone", p.reportingParty.phone], ["Email", p.reportingParty.email], ["Agency case number", p.reportingParty.agencyCaseNumber]] : [] },
    {
      title: "Law enforcement",
      rows: le
        ? [
            ["Outcome", le.outcome.label],
            ["Agency", le.agencyName],
            ["Phone", le.phone],
            ...(le.outcome.code === "REPORTED"
              ? ([["Officer", [le.officerName, le.badgeNumber && `badge ${le.badgeNumber}`].filter(Boolean).join(", ")], ["Case number", le.caseNumber ?? ""], ["NCIC entry", le.ncicEntered ? `Yes, ${le.ncicNumber ?? ""}` : answerLabel(le.ncicEntered)]] satisfies Row[])
              : ([["Refused by", le.refusedBy ?? ""], ["What was said", le.refusalStatement ?? ""]] satisfies Row[])),
            [le.outcome.code === "REPORTED" ? "Reported at" : "Refused at", when(le.reportedAt, tz)],
            ...(le.lateReason ? ([["Reason for lateness", le.lateReason]] as Row[]) : []),
          ]
        : [],
    },
    {
      title: "Legal guardian",
      rows: p.legalGuardian
        ? p.legalGuardian.sameAsReportingParty
          ? [["Guardian", `Same as the reporting party (${p.legalGuardian.name}, ${p.legalGuardian.agency})`]]
          : [["Name", p.legalGuardian.name], ["Agency", p.legalGuardian.agency], ["Phones", p.legalGuardian.phones], ["Email", p.legalGuardian.email]]
        : [],
    },
    {
      title: "The child",
      rows: [
        ["Name", p.child.fullName],
        ["Aliases and nicknames", p.child.aliases.join(", ")],
        ["Date of birth", p.child.dateOfBirth],
        ["Age when missing", p.child.ageWhenMissing?.toString() ?? ""],
        ["Sex", `${p.child.sex.label} (${p.child.sex.code})`],
        ["Race", p.child.races.map((r) => `${r.label} (${r.code})`).join(", ")],
        ["Ethnicity", p.child.ethnicity?.label ?? ""],
        ["Agency case number", p.child.agencyCaseNumber],
        ["Legal status", p.child.legalStatus?.label ?? ""],
        ["Custody", p.child.custodyDetails],
      ],
    },
    { title: "Description", rows: descriptionRows(p.description) },
    { title: "Photos", photos: true },
    { title: "Risks", rows: p.risks ? p.risks.map((r): Row => [r.risk.label, [answerLabel(r.present), r.details].filter(Boolean).join(": ")]) : [] },
    {
      title: "Last seen and circumstances",
      rows: p.lastSeen
        ? [["Last seen", when(p.lastSeen.at, tz)], ["Place", p.lastSeen.place], ["Town", p.lastSeen.city], ["Circumstances", p.lastSeen.circumstances], ["Clothing", p.lastSeen.clothing], ["May be going to", p.lastSeen.possibleDestinations], ["Has run before", answerLabel(p.lastSeen.hasRunBefore)], ["Agency learned of it", when(p.episode.discoveredAt, tz)]]
        : [],
    },
    {
      title: "Companions and abductor",
      rows: [
        ["Companions", p.companions ? orNoneKnown(list(p.companions.map((c) => [c.name, c.description].filter(Boolean).join(": ")))) : ""],
        ["Suspected abductor", p.abductor ? list([p.abductor.name, p.abductor.description, p.abductor.phone && `Phone ${p.abductor.phone}`, p.abductor.driversLicense && `Driver's license ${p.abductor.driversLicense}`, p.abductor.vehicle && `Vehicle: ${p.abductor.vehicle}`]) : p.companions ? "None known" : ""],
      ],
    },
    {
      title: "Phones and online accounts",
      rows: [
        ["Phone numbers", p.phones ? orNoneKnown(list(p.phones.map((x) => [x.number, x.note].filter(Boolean).join(" - ")))) : ""],
        ["Online accounts", p.onlineAccounts ? orNoneKnown(list(p.onlineAccounts.map((a) => `${a.platform}: ${a.handle}`))) : ""],
      ],
    },
    {
      title: "Earlier missing episodes",
      rows: p.earlierEpisodes.length
        ? p.earlierEpisodes.map((e, i) => [`Episode ${i + 1}`, list([`Last seen ${when(e.lastSeenAt, tz) || "not recorded"}`, e.circumstances, e.closedAt ? `Closed ${when(e.closedAt, tz)}` : "", ...recoveryLines(e.recovery)])] as Row)
        : [["Earlier episodes", "None recorded in Homeward"]],
    },
    {
      title: "Photo consent",
      rows: p.photoConsent.length ? p.photoConsent.map((c, i) => [`Photo ${i + 1}`, `${c.wording}\nAttested by ${c.attestedBy}, ${when(c.attestedAt, tz)}`] as Row) : [["Photos", "No photo attached"]],
    },
    ...(p.amendments.length
      ? [{ title: "Changed since the report was submitted", rows: p.amendments.map((a): Row => [a.step.label, `Changed ${when(a.at, tz)}${a.sentAt ? `; sent ${when(a.sentAt, tz)}` : "; not sent to NCMEC and law enforcement yet"}`]) }]
      : []),
    {
      title: "Report to NCMEC",
      rows: p.ncmecReport
        ? [["Reported at", when(p.ncmecReport.reportedAt, tz)], ["How", p.ncmecReport.method.label], ["NCMEC case number", p.ncmecReport.caseNumber ?? ""], ["NCMEC contact", p.ncmecReport.contact ?? ""]]
        : [["Status", "Not recorded yet: call 1-800-843-5678 (1-800-THE-LOST)"]],
    },
  ];
}

/** An earlier episode's recovery, field by field, as NCMEC asks for it when the child runs again. */
function recoveryLines(recovery: FullPacket["earlierEpisodes"][number]["recovery"]): string[] {
  if (!recovery) return ["Recovery: not recorded"];
  return [
    `Date recovered: ${recovery.recoveredOn}`,
    `City and state: ${[recovery.city, recovery.state].filter(Boolean).join(", ") || "Not recorded"}`,
    `Kind of place: ${recovery.placeKind?.label ?? "Not recorded"}`,
    `How and by whom recovered: ${recovery.recoveredBy?.label ?? "Not recorded"}`,
    `Summary: ${recovery.summary || "None written"}`,
  ];
}

function descriptionRows(d: Packet["description"]): Row[] {
  if (!d) return [];
  return [
    ["Height", d.height ? `${d.height.text} (NCIC ${d.height.ncic})` : ""],
    ["Weight", d.weightPounds ? `${d.weightPounds} lb` : ""],
    ["Hair", d.hair ? `${d.hair.label} (${d.hair.code})` : ""],
    ["Eyes", d.eyes ? `${d.eyes.label} (${d.eyes.code})` : ""],
    ["Complexion", d.complexion ? `${d.complexion.label} (${d.complexion.code})` : ""],
    ["Glasses or contacts", d.eyewear?.label ?? answerLabel(null)],
    ["Braces", answerLabel(d.braces)],
    ["Scars, marks, tattoos, piercings", list(d.marks.map((m) => `${m.kind.label}, ${m.location}: ${m.description}`))],
    ...(d.otherFeatures ? ([["Other features", d.otherFeatures]] as Row[]) : []),
  ];
}

/** What every page carries outside the structure tree: the running header and the draft watermark. */
type Running = { left: string; right: string; rightColor: string; draft: boolean };

/**
 * Lays text out top-down; `y` is the baseline of the next line, measured from the top of the page.
 * Everything drawn is either marked structure content (added to a structure element) or an artifact.
 */
class Layout {
  y = 0;
  constructor(
    readonly doc: Doc,
    private readonly running: Running,
    /** Whether the embedded fonts draw this character (both are Noto Sans, of one coverage). */
    private readonly covers: (codePoint: number) => boolean,
  ) {
    this.startPage(false);
  }

  /**
   * The text as it can be drawn: a character the font lacks (CJK, Arabic, …) becomes its Latin base
   * or "?" rather than an empty box that copies as nothing. The element that shows it then carries
   * the text as written (ActualText), for screen readers and copying.
   */
  drawable(text: string): string {
    let out = "";
    for (const char of text.normalize("NFC")) {
      if (char === "\n" || char === "\t" || this.covers(char.codePointAt(0)!)) out += char;
      else out += Array.from(char.normalize("NFKD")).filter((c) => c.codePointAt(0)! < 0x300 && this.covers(c.codePointAt(0)!)).join("") || "?";
    }
    return out;
  }

  /** The structure options that give an element its text as written, when what is drawn differs. */
  actual(text: string): StructOptions {
    return this.drawable(text) === text.normalize("NFC") ? {} : { actual: text.normalize("NFC").replace(/\s+/g, " ") };
  }

  /** Starts a page: its running header and the draft watermark are artifacts, drawn under the content. */
  private startPage(add: boolean) {
    if (add) this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    const { doc } = this;
    const top = PAGE.margin - 6;
    if (this.running.draft) {
      doc.markContent("Artifact", { type: "Pagination" });
      doc.save();
      doc.rotate(-35, { origin: [150, PAGE.height - 300] });
      this.draw("DRAFT", 150, PAGE.height - 300, 110, "bold", "#d9d9d9", 0.35);
      doc.restore();
      doc.endMarkedContent();
    }
    doc.markContent("Artifact", { type: "Pagination", attached: ["Top"] });
    this.draw(this.running.left, PAGE.margin, top, 9, "bold", INK);
    this.draw(this.running.right, PAGE.width - PAGE.margin - this.width(this.running.right, "bold", 9), top, 9, "bold", this.running.rightColor);
    if (this.running.draft) this.draw("DRAFT - incomplete, do not send as final", PAGE.margin, top + 14, 10, "bold", ALERT);
    doc.endMarkedContent();
    this.y = CONTENT_TOP;
  }

  /** Room for `height` more points on this page, or a new page. */
  ensure(height: number) {
    if (this.y + height > PAGE.height - PAGE.margin - 24) this.startPage(true);
  }

  width(text: string, font: FontKey, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  /** Draws one line of text with its baseline at `baseline` (from the top of the page). */
  draw(text: string, x: number, baseline: number, size: number, font: FontKey, color: string, opacity?: number) {
    this.doc.font(font).fontSize(size).fillColor(color, opacity).text(text, x, baseline, { lineBreak: false, baseline: "alphabetic" });
  }

  /**
   * Breaks text into lines no wider than `width`. Every line ends with a space (the one it was broken
   * at), so the text read from the structure, or copied, has its words apart.
   */
  wrap(text: string, font: FontKey, size: number, width: number): string[] {
    const lines: string[] = [];
    const space = this.width(" ", font, size);
    const paragraphs = this.drawable(text).replace(/\t/g, " ").split("\n");
    for (const paragraph of paragraphs) {
      let line = "";
      let lineWidth = 0;
      for (const word of paragraph.split(/ +/)) {
        // Measured with its space, as it is drawn: PDFKit lays text out (and caches it) word by word.
        const wordWidth = this.width(`${word} `, font, size) - space;
        if (line && lineWidth + space + wordWidth <= width) {
          line = `${line} ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line) lines.push(`${line} `);
        line = word;
        lineWidth = wordWidth;
        // A word wider than the column is cut where it has to be (between characters, not code units).
        while (lineWidth > width) {
          const chars = Array.from(line);
          let cut = chars.length - 1;
          while (cut > 1 && this.width(chars.slice(0, cut).join(""), font, size) > width) cut--;
          lines.push(chars.slice(0, cut).join(""));
          line = chars.slice(cut).join("");
          lineWidth = this.width(line, font, size);
        }
      }
      // The last line keeps a space too: the next cell's text then reads apart from this one's.
      lines.push(`${line} `);
    }
    return lines;
  }

  /** A rule under a heading: decoration only. */
  rule() {
    const { doc } = this;
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().moveTo(PAGE.margin, this.y).lineTo(PAGE.width - PAGE.margin, this.y).lineWidth(0.8).strokeColor(MUTED).stroke().restore();
    doc.endMarkedContent();
  }

  /** A structure element whose content is the given lines, marked with the element's own tag. */
  lines(parent: Struct, tag: string, lines: string[], x: number, size: number, font: FontKey, color: string, lead: number, options: StructOptions = {}) {
    const element = this.doc.struct(tag, options);
    parent.add(element);
    let baseline = this.y;
    let content: PDFKit.PDFStructureContent | null = null;
    for (const line of lines) {
      if (!content) content = this.doc.markStructureContent(tag);
      this.draw(line, x, baseline, size, font, color);
      baseline += lead;
    }
    if (content) {
      this.doc.endMarkedContent();
      element.add(content);
    }
    element.end();
    return baseline;
  }

  heading(parent: Struct, tag: "H1" | "H2", text: string, size: number) {
    const lines = this.wrap(text, "bold", size, PAGE.width - 2 * PAGE.margin);
    this.y = this.lines(parent, tag, lines, PAGE.margin, size, "bold", INK, size + 4, this.actual(text)) - size - 4;
  }

  section(parent: Struct, title: string): Struct {
    const sect = this.doc.struct("Sect");
    parent.add(sect);
    this.ensure(40);
    this.y += 10;
    this.heading(sect, "H2", title, 13);
    this.y += 6;
    this.rule();
    this.y += 14;
    return sect;
  }

  /** Label/value rows as a table: each row a TR of a TH (the label, scope Row) and a TD (the value). */
  table(parent: Struct, rows: Row[]) {
    if (rows.length === 0) return;
    const table = this.doc.struct("Table");
    parent.add(table);
    for (const row of rows) this.row(table, row);
    table.end();
  }

  private row(table: Struct, [label, value]: Row) {
    const { doc } = this;
    const size = 9.5;
    const lead = 12.5;
    const valueX = PAGE.margin + LABEL_WIDTH;
    const valueWidth = PAGE.width - 2 * PAGE.margin - LABEL_WIDTH;
    const empty = isEmpty(value);
    const isList = Array.isArray(value) && !empty;
    const labelLines = this.wrap(label, "bold", size, LABEL_WIDTH - 10);
    // A list's items, each wrapped on its own; a text value is one item.
    const items = (empty ? ["Not known"] : typeof value === "string" ? [value] : value).map((item) => this.wrap(item, "regular", size, valueWidth));

    const tr = doc.struct("TR");
    table.add(tr);
    const th = doc.struct("TH", { scope: "Row" } as StructOptions as PDFKit.Mixins.StructureElementOptions);
    tr.add(th);
    const td = doc.struct("TD", typeof value === "string" && !empty ? this.actual(value) : {});
    tr.add(td);
    const listElement = isList ? doc.struct("L") : null;
    if (listElement) td.add(listElement);

    // Page by page: the label's lines that fit, then the value's, each marked as its element's content.
    let labelAt = 0;
    let itemAt = 0;
    let lineInItem = 0;
    let body: Struct | null = null;
    const valueLeft = () => itemAt < items.length;
    this.ensure(lead);
    while (labelAt < labelLines.length || valueLeft()) {
      const room = Math.max(1, Math.floor((PAGE.height - PAGE.margin - 24 - this.y) / lead));
      const start = this.y;
      const labelChunk = labelLines.slice(labelAt, labelAt + room);
      if (labelChunk.length > 0) {
        const content = doc.markStructureContent("TH");
        labelChunk.forEach((line, i) => this.draw(line, PAGE.margin, start + i * lead, size, "bold", INK));
        doc.endMarkedContent();
        th.add(content);
        labelAt += labelChunk.length;
      }
      let drawn = 0;
      while (valueLeft() && drawn < room) {
        const lines = items[itemAt]!;
        const take = Math.min(room - drawn, lines.length - lineInItem);
        if (listElement && lineInItem === 0) {
          body = doc.struct("LBody", this.actual((value as string[])[itemAt]!));
          listElement.add(doc.struct("LI").add(body));
        }
        const content = doc.markStructureContent(listElement ? "LBody" : "TD");
        for (let i = 0; i < take; i++) this.draw(lines[lineInItem + i]!, valueX, start + (drawn + i) * lead, size, "regular", empty ? MUTED : INK);
        doc.endMarkedContent();
        (body ?? td).add(content);
        drawn += take;
        lineInItem += take;
        if (lineInItem === lines.length) {
          body?.end();
          itemAt += 1;
          lineInItem = 0;
        }
      }
      this.y = start + Math.max(labelChunk.length, drawn) * lead;
      if (labelAt < labelLines.length || valueLeft()) this.startPage(true);
    }
    tr.end();
    this.y += 3;
  }
}

/** The packet as a tagged PDF with selectable text, built directly (not a printed web page). */
export async function renderPacketPdf(packet: Packet): Promise<Uint8Array> {
  const full = packet.variant === "full" ? packet : null;
  const childName = packet.child.fullName;
  const title = full ? `NCMEC report packet: ${childName}` : `Missing child: ${childName}`;
  const { regular } = documentFonts();
  const { doc: created, finish } = taggedDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    // The public-safe packet's information says nothing of the agency, foster care or custody.
    info: full
      ? { Title: metadataText(title), Author: metadataText(full.agency.name), Subject: "Report of a missing child, for NCMEC and law enforcement only (confidential)", Creator: "Homeward", Producer: "Homeward with PDFKit", CreationDate: new Date(packet.generatedAt) }
      : { Title: metadataText(title), Subject: "Missing child: have you seen this child?", Keywords: "missing child", Creator: "PDFKit", Producer: "PDFKit", CreationDate: new Date(packet.generatedAt) },
  });
  const doc = created as Doc;

  const draft = packet.status === "draft";
  const tz = full?.agency.timeZone ?? "UTC";
  const layout = new Layout(doc, {
    left: full ? full.agency.name : "Missing child",
    right: full ? "CONFIDENTIAL - for NCMEC and law enforcement only" : "For public distribution",
    rightColor: full ? ALERT : INK,
    draft,
  }, (codePoint) => (regular instanceof Uint8Array || !regular.hasGlyphForCodePoint ? true : regular.hasGlyphForCodePoint(codePoint)));
  const root = doc.struct("Document");
  doc.addStructure(root);

  // Title block on the first page.
  layout.heading(root, "H1", full ? `NCMEC report packet: ${childName}` : `MISSING: ${childName}`, 18);
  layout.y += 20;
  if (full) {
    layout.table(root, [
      ["Law-enforcement report", clockWords(full.episode.lawEnforcementClock, tz)],
      ["NCMEC report", clockWords(full.episode.ncmecClock, tz)],
    ]);
  }
  if (packet.missingItems.length > 0) {
    const sect = layout.section(root, draft ? "DRAFT: still missing" : "Not available");
    layout.table(sect, packet.missingItems.map((item): Row => ["Missing", item]));
    sect.end();
  }

  for (const section of sections(packet)) {
    const sect = layout.section(root, section.title);
    if (section.photos) drawPhotos(layout, sect, packet);
    else layout.table(sect, section.rows ?? []);
    sect.end();
  }
  root.end();

  // Footers: "page N of M" needs every page laid out first.
  const generated = `Generated ${full ? formatInstant(new Date(packet.generatedAt), tz) : packet.generatedAt.slice(0, 10)}`;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    doc.markContent("Artifact", { type: "Pagination", attached: ["Bottom"] });
    layout.draw(`${generated} - Page ${index + 1} of ${count}`, PAGE.margin, PAGE.height - PAGE.margin + 24, 8.5, "regular", MUTED);
    doc.endMarkedContent();
  }
  return finish();
}

/** Opens a JPEG for the document; the bytes may be a slice of a shared pool (see ownedBytes). */
export function embedPhoto(doc: Doc, jpeg: Uint8Array) {
  return doc.openImage(ownedBytes(jpeg));
}

function drawPhotos(layout: Layout, sect: Struct, packet: Packet) {
  if (packet.photos.length === 0) {
    layout.table(sect, [["Photos", "No photo attached"]]);
    return;
  }
  const { doc } = layout;
  const box = { width: 156, height: 190 };
  let x = PAGE.margin;
  layout.ensure(box.height + 30);
  for (const [index, photo] of packet.photos.entries()) {
    if (x + box.width > PAGE.width - PAGE.margin) {
      x = PAGE.margin;
      layout.y += box.height + 34;
      layout.ensure(box.height + 30);
    }
    const image = embedPhoto(doc, Buffer.from(photo.jpegBase64, "base64"));
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const top = layout.y;
    // Whose photo and when: nothing about the agency or why the child is missing.
    const alt = `Photo of ${packet.child.fullName}, taken ${photo.takenOn}`;
    const figure = doc.struct("Figure", { alt, bbox: [x, top, x + width, top + height], placement: "Block" } as StructOptions as PDFKit.Mixins.StructureElementOptions);
    sect.add(figure);
    const content = doc.markStructureContent("Figure");
    doc.image(image as unknown as Buffer, x, top, { width, height });
    doc.endMarkedContent();
    figure.add(content);
    figure.end();
    const caption = `Photo ${index + 1}, taken ${photo.takenOn}${photo.olderThan180Days ? ` (older than ${RECENT_PHOTO_DAYS} days)` : ""}`;
    const saved = layout.y;
    layout.y = top + box.height + 12;
    layout.lines(sect, "P", layout.wrap(caption, "regular", 8, box.width), x, 8, "regular", INK, 10);
    layout.y = saved;
    x += box.width + 18;
  }
  layout.y += box.height + 40;
}
