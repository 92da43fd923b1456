import "server-only";
import { PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { FullPacket, Packet } from "@/domain/packet";
import { formatInstant } from "@/lib/format-time";
import { RECENT_PHOTO_DAYS } from "@/domain/photo-age";
import { ownedBytes } from "@/lib/owned-bytes";
import { answerLabel } from "@/domain/code-sets";

type Row = [string, string];
type Section = { title: string; rows?: Row[]; photos?: boolean; note?: string };

const PAGE = { width: 612, height: 792, margin: 54 };
const LABEL_WIDTH = 160;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);

// The standard PDF fonts speak WinAnsi only: anything else is spelled out or replaced, never dropped silently.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
function winAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0)!;
    if ((code >= 32 && code <= 126) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.has(char)) out += char;
    else if (char === "\t") out += " ";
    else {
      const base = char.normalize("NFKD").replace(/[^\x20-\x7e]/g, "");
      out += base || "?";
    }
  }
  return out;
}

const when = (iso: string | null | undefined, tz: string) => (iso ? formatInstant(new Date(iso), tz) : "");
const list = (items: string[]) => items.filter(Boolean).join("\n");
const clockWords = (clock: FullPacket["episode"]["lawEnforcementClock"], tz: string) =>
  clock ? `${clock.state.code === "overdue" ? clock.state.label.toUpperCase() : clock.state.label}; deadline ${when(clock.deadline, tz)}` : "Clock not started";

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
        ["Companions", p.companions ? list(p.companions.map((c) => [c.name, c.description].filter(Boolean).join(": "))) || "None known" : ""],
        ["Suspected abductor", p.abductor ? list([p.abductor.name, p.abductor.description, p.abductor.phone && `Phone ${p.abductor.phone}`, p.abductor.driversLicense && `Driver's license ${p.abductor.driversLicense}`, p.abductor.vehicle && `Vehicle: ${p.abductor.vehicle}`]) : p.companions ? "None known" : ""],
      ],
    },
    {
      title: "Phones and online accounts",
      rows: [
        ["Phone numbers", p.phones ? list(p.phones.map((x) => [x.number, x.note].filter(Boolean).join(" - "))) || "None known" : ""],
        ["Online accounts", p.onlineAccounts ? list(p.onlineAccounts.map((a) => `${a.platform}: ${a.handle}`)) || "None known" : ""],
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

class Layout {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly top: number,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - this.top;
  }
  ensure(height: number) {
    if (this.y - height < PAGE.margin + 24) this.newPage();
  }
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of winAnsi(text).split("\n")) {
      let line = "";
      for (const word of paragraph.split(/ +/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
        else {
          if (line) lines.push(line);
          line = word;
          while (font.widthOfTextAtSize(line, size) > width) {
            let cut = line.length - 1;
            while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
            lines.push(line.slice(0, cut));
            line = line.slice(cut);
          }
        }
      }
      lines.push(line);
    }
    return lines;
  }
  text(text: string, x: number, size: number, font: PDFFont, color = INK) {
    this.page.drawText(text, { x, y: this.y, size, font, color });
  }
  heading(title: string) {
    this.ensure(40);
    this.y -= 10;
    this.text(winAnsi(title), PAGE.margin, 13, this.bold);
    this.y -= 6;
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.8, color: MUTED });
    this.y -= 14;
  }
  row([label, value]: Row) {
    const size = 9.5;
    const lead = 12.5;
    const labelLines = this.wrap(label, this.bold, size, LABEL_WIDTH - 10);
    const valueLines = this.wrap(value || "Not known", this.regular, size, PAGE.width - 2 * PAGE.margin - LABEL_WIDTH);
    for (let i = 0; i < Math.max(labelLines.length, valueLines.length); i++) {
      this.ensure(lead);
      if (labelLines[i]) this.text(labelLines[i]!, PAGE.margin, size, this.bold);
      if (valueLines[i] !== undefined) this.text(valueLines[i]!, PAGE.margin + LABEL_WIDTH, size, this.regular, value ? INK : MUTED);
      this.y -= lead;
    }
    this.y -= 3;
  }
}

/** The packet as a PDF with selectable text, built directly (not a printed web page). */
export async function renderPacketPdf(packet: Packet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const full = packet.variant === "full" ? packet : null;
  const childName = packet.child.fullName;
  doc.setTitle(winAnsi(`${full ? "NCMEC report packet" : "Missing child"}: ${childName}`));
  doc.setProducer("Homeward");
  doc.setCreator("Homeward");
  doc.setCreationDate(new Date(packet.generatedAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const layout = new Layout(doc, regular, bold, 96);
  const draft = packet.status === "draft";
  const tz = full?.agency.timeZone ?? "UTC";

  // Title block on the first page.
  layout.text(winAnsi(full ? `NCMEC report packet: ${childName}` : `MISSING: ${childName}`), PAGE.margin, 18, bold);
  layout.y -= 20;
  if (full) {
    layout.row(["Law-enforcement report", clockWords(full.episode.lawEnforcementClock, tz)]);
    layout.row(["NCMEC report", clockWords(full.episode.ncmecClock, tz)]);
  }
  if (packet.missingItems.length > 0) {
    layout.heading(draft ? "DRAFT: still missing" : "Not available");
    for (const item of packet.missingItems) layout.row(["Missing", item]);
  }

  for (const section of sections(packet)) {
    layout.heading(section.title);
    if (section.photos) {
      await drawPhotos(layout, packet);
      continue;
    }
    for (const row of section.rows ?? []) layout.row(row);
  }

  const pages = doc.getPages();
  const generated = `Generated ${full ? formatInstant(new Date(packet.generatedAt), tz) : packet.generatedAt.slice(0, 10)}`;
  pages.forEach((page, index) => {
    const top = PAGE.height - PAGE.margin + 6;
    page.drawText(winAnsi(full ? full.agency.name : "Missing child"), { x: PAGE.margin, y: top, size: 9, font: bold, color: INK });
    const mark = full ? "CONFIDENTIAL - for NCMEC and law enforcement only" : "For public distribution";
    page.drawText(mark, { x: PAGE.width - PAGE.margin - bold.widthOfTextAtSize(mark, 9), y: top, size: 9, font: bold, color: full ? rgb(0.6, 0.05, 0.05) : INK });
    if (draft) {
      page.drawText("DRAFT - incomplete, do not send as final", { x: PAGE.margin, y: top - 14, size: 10, font: bold, color: rgb(0.6, 0.05, 0.05) });
      page.drawText("DRAFT", { x: 150, y: 300, size: 110, font: bold, color: rgb(0.85, 0.85, 0.85), rotate: degrees(35), opacity: 0.35 });
    }
    const footer = `${generated} - Page ${index + 1} of ${pages.length}`;
    page.drawText(winAnsi(footer), { x: PAGE.margin, y: PAGE.margin - 24, size: 8.5, font: regular, color: MUTED });
  });
  return doc.save({ useObjectStreams: true });
}

/** Embeds a JPEG; the bytes may be a slice of a shared pool (see ownedBytes). */
export function embedPhoto(doc: PDFDocument, jpeg: Uint8Array) {
  return doc.embedJpg(ownedBytes(jpeg));
}

async function drawPhotos(layout: Layout, packet: Packet) {
  if (packet.photos.length === 0) {
    layout.row(["Photos", "No photo attached"]);
    return;
  }
  const box = { width: 156, height: 190 };
  let x = PAGE.margin;
  layout.ensure(box.height + 30);
  for (const [index, photo] of packet.photos.entries()) {
    if (x + box.width > PAGE.width - PAGE.margin) {
      x = PAGE.margin;
      layout.y -= box.height + 34;
      layout.ensure(box.height + 30);
    }
    const image = await embedPhoto(layout.doc, Buffer.from(photo.jpegBase64, "base64"));
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    layout.page.drawImage(image, { x, y: layout.y - height, width, height });
    const caption = `Photo ${index + 1}, taken ${photo.takenOn}${photo.olderThan180Days ? ` (older than ${RECENT_PHOTO_DAYS} days)` : ""}`;
    for (const [i, line] of layout.wrap(caption, layout.regular, 8, box.width).entries()) {
      layout.page.drawText(line, { x, y: layout.y - box.height - 12 - i * 10, size: 8, font: layout.regular, color: INK });
    }
    x += box.width + 18;
  }
  layout.y -= box.height + 40;
}
