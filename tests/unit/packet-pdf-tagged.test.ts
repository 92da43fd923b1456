/**
 * The packet PDF as a tagged PDF (PDF/UA-1's checkable parts), read back with poppler's own tools
 * (pdfinfo, pdffonts, pdftotext: Debian's poppler-utils, which .ci/run installs) and with pdf.js.
 * No PDF/UA validator installs here; see docs/decisions/014-tagged-pdf-packets.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { buildFullPacket, toPublicSafe, type FullPacket, type PacketSource, type PublicPacket } from "@/domain/packet";
import { renderPacketPdf } from "@/server/packets/render-packet-pdf";
import { completePacketSource } from "../fixtures/packet-source";
import { pdfText } from "../support/pdf-text";

const now = new Date("2026-11-22T12:00:00Z");
const dir = mkdtempSync(path.join(tmpdir(), "packet-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one of poppler's tools; a missing tool fails the test with what to install, never skips it. */
function poppler(tool: "pdfinfo" | "pdffonts" | "pdftotext", ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} is not installed: these tests need poppler-utils (apt-get install poppler-utils; .ci/run installs it)`);
    }
    throw error;
  }
}

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** One node of `pdfinfo -struct-text`'s tree: an element with its attributes, or a run of text. */
type StructNode = { type: string; title: string | null; attributes: string[]; text: string | null; children: StructNode[] };

function structTree(file: string): StructNode {
  const root: StructNode = { type: "(root)", title: null, attributes: [], text: null, children: [] };
  const stack: { depth: number; node: StructNode }[] = [{ depth: -1, node: root }];
  for (const line of poppler("pdfinfo", "-struct-text", file).split("\n")) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const body = line.trim();
    while (stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.node;
    if (body.startsWith('"')) {
      parent.children.push({ type: "#text", title: null, attributes: [], text: body.slice(1, body.lastIndexOf('"')), children: [] });
    } else if (body.startsWith("/")) {
      parent.attributes.push(body);
    } else {
      const match = /^(\S+?):?(?: "(.*)")?(?: \((?:block|inline)\))?:?$/.exec(body);
      const node: StructNode = { type: match?.[1] ?? body, title: match?.[2] ?? null, attributes: [], text: null, children: [] };
      parent.children.push(node);
      stack.push({ depth, node });
    }
  }
  return root;
}

/** An element's text, as a screen reader gets it: its runs in order, spaces collapsed. */
const textOf = (node: StructNode): string =>
  (node.text ?? node.children.map(textOf).join("")).replace(/\s+/g, " ").trim();
const all = (node: StructNode, type: string): StructNode[] => [...(node.type === type ? [node] : []), ...node.children.flatMap((child) => all(child, type))];
/** Elements of the given types, in reading order (depth first, as the tree lists them). */
const inOrder = (node: StructNode, types: string[]): StructNode[] => [...(types.includes(node.type) ? [node] : []), ...node.children.flatMap((child) => inOrder(child, types))];
const rows = (table: StructNode) =>
  all(table, "TR").map((tr) => {
    const cells = tr.children.filter((c) => c.type === "TH" || c.type === "TD");
    return { cells: cells.map((c) => c.type), th: cells[0]!, label: textOf(cells[0]!), value: textOf(cells[1]!) };
  });

/** The text strings that follow `key` in a PDF's uncompressed objects (PDFKit writes them as UTF-16BE literal strings when not ASCII). */
function literalStrings(pdf: Uint8Array, key: string): string[] {
  const raw = Buffer.from(pdf).toString("latin1");
  const found: string[] = [];
  for (let at = raw.indexOf(`${key} (`); at !== -1; at = raw.indexOf(`${key} (`, at + 1)) {
    const bytes: number[] = [];
    let depth = 0;
    for (let i = at + key.length + 2; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 0x5c) {
        const next = raw[++i]!;
        const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3))![0];
          bytes.push(parseInt(octal, 8));
          i += octal.length - 1;
        } else bytes.push(escapes[next] ?? next.charCodeAt(0));
      } else if (c === 0x28) {
        depth++;
        bytes.push(c);
      } else if (c === 0x29) {
        if (depth-- === 0) break;
        bytes.push(c);
      } else bytes.push(c);
    }
    const buffer = Buffer.from(bytes);
    found.push(buffer[0] === 0xfe && buffer[1] === 0xff ? Buffer.from(buffer.subarray(2)).swap16().toString("utf16le") : buffer.toString("latin1"));
  }
  return found;
}

/** pdf.js's view of the catalog, the document information, the viewer preferences and the structure tree. */
async function pdfjsView(bytes: Uint8Array) {
  // (Importing ../support/pdf-text first gives pdf.js 6 what it needs from Node 22 on Node 20.)
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const { info } = await document.getMetadata();
  const viewer = await document.getViewerPreferences();
  const markInfo = await document.getMarkInfo();
  type PdfjsStruct = { role?: string; alt?: string; children?: PdfjsStruct[]; type?: string };
  const figures: string[] = [];
  const untagged: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const visit = (node: PdfjsStruct) => {
      if (node.role === "Figure") figures.push(node.alt ?? "(no alternative)");
      node.children?.forEach(visit);
    };
    visit((await page.getStructTree()) as PdfjsStruct);
    // Every piece of text is inside marked content that is either structure (has an MCID) or an artifact.
    const content = await page.getTextContent({ includeMarkedContent: true });
    const open: { tag?: string; id?: string | null }[] = [];
    for (const item of content.items as { type?: string; tag?: string; id?: string | null; str?: string }[]) {
      if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") open.push(item);
      else if (item.type === "endMarkedContent") open.pop();
      else if (item.str?.trim() && !open.some((m) => m.tag === "Artifact" || m.id)) untagged.push(`page ${number}: ${item.str}`);
    }
  }
  await document.cleanup();
  // pdf.js 6 answers the viewer preferences as a Map.
  const plain = (value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value) as Record<string, unknown> | null;
  return { info: info as Record<string, unknown>, viewer: plain(viewer), markInfo: plain(markInfo), figures, untagged };
}

async function photo(id: string, shade: string) {
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: shade } }).jpeg().toBuffer();
  return { id, takenOn: "2026-10-01", width: 300, height: 400, jpegBase64: jpeg.toString("base64"), attestedBy: "Casey Worker", attestedAt: now, attestationText: "I confirm that this photo shows the missing child and that the agency may share it with NCMEC and law enforcement." };
}

/** The wizard fixture with names outside WinAnsi (the old renderer spelled them "Zoe Nguyen" and "Lukasz"), and two photos. */
async function source(): Promise<PacketSource> {
  const base = completePacketSource(now);
  return {
    ...base,
    facts: {
      ...base.facts,
      child: { ...base.facts.child, firstName: "Zoë", middleName: "Lee", lastName: "Nguyễn", aliases: ["Łukasz", "J-Riv"] },
      // A word wider than its column is cut, and still reads as one word.
      contacts: { ...base.facts.contacts!, accounts: [...base.facts.contacts!.accounts, { platform: "Website", handle: `https://example.org/${"zoë-".repeat(30)}` }] },
    },
    photos: [await photo("6f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5", "#7a5230"), await photo("7f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d6", "#305a7a")],
  };
}

/** Every value a caseworker typed or chose in the fixture, as the full packet shows it. */
function typedValues(s: PacketSource): string[] {
  const f = s.facts;
  const c = f.contacts!;
  const le = f.lawEnforcement!;
  const g = f.guardian!;
  return [
    "Zoë Lee Nguyễn", "Łukasz", f.child.dateOfBirth, f.child.agencyCaseNumber, f.child.custodyDetails, "Female (F)", "White (W)", "Black (B)",
    f.missingEvent!.lastSeenPlace, f.missingEvent!.lastSeenCity, f.missingEvent!.circumstances, f.missingEvent!.clothing, f.missingEvent!.possibleDestinations,
    "5 ft 3 in", "110 lb", "Brown (BRO)", "Hazel (HAZ)", "Medium (MED)", "Glasses", ...f.description!.marks.flatMap((m) => [m.location, m.description]), f.description!.otherFeatures,
    ...Object.values(f.risks!).map((r) => r.details).filter(Boolean),
    ...c.phones.flatMap((p) => [p.number, p.note]), ...c.accounts.flatMap((a) => [a.platform, a.handle]), ...c.companions.flatMap((x) => [x.name, x.description]),
    c.abductor!.name, c.abductor!.description, c.abductor!.phone, c.abductor!.driversLicense, c.abductor!.vehicle,
    le.agencyName, le.phone, le.officerName!, le.badgeNumber!, le.caseNumber!, le.ncicNumber!,
    g.reporterName, g.reporterAgency, g.reporterPhone, g.reporterEmail, g.guardianName, g.guardianAgency, g.guardianPhones, g.guardianEmail,
    f.ncmec!.ncmecCaseNumber!, f.ncmec!.contactName!, s.photos[0]!.attestationText,
  ].filter((value) => value !== "");
}

let input: PacketSource;
let full: FullPacket;
let publicSafe: PublicPacket;
let files: { full: string; public: string };
let bytes: { full: Uint8Array; public: Uint8Array };

beforeAll(async () => {
  input = await source();
  full = buildFullPacket(input, now);
  publicSafe = toPublicSafe(full);
  bytes = { full: await renderPacketPdf(full), public: await renderPacketPdf(publicSafe) };
  files = { full: save("full.pdf", bytes.full), public: save("public.pdf", bytes.public) };
}, 30_000);

// Each test runs poppler's tools or pdf.js over whole documents: seconds on a busy two-core machine.
describe("the packet PDF, read back by pdfinfo, pdffonts and pdf.js", { timeout: 30_000 }, () => {
  it.each(["full", "public"] as const)("%s: is tagged, shows its title, names its language, and embeds every font with a Unicode map", async (variant) => {
    const info = poppler("pdfinfo", files[variant]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Suspects:\s+no$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    const title = variant === "full" ? "NCMEC report packet: Zoë Lee Nguyễn" : "Missing child: Zoë Lee Nguyễn";
    expect(info).toMatch(new RegExp(`^Title:\\s+${title}$`, "m"));

    // pdfinfo 22 prints neither the catalog's language nor the viewer preferences: pdf.js reads them.
    const view = await pdfjsView(bytes[variant]);
    expect(view.info.Title).toBe(title);
    expect(view.info.Language).toBe("en-US");
    expect(view.viewer).toMatchObject({ DisplayDocTitle: true });
    expect(view.markInfo).toMatchObject({ Marked: true });
    expect(view.untagged).toEqual([]);
    // PDF/UA-1 identification in the XMP metadata.
    expect(poppler("pdfinfo", "-meta", files[variant])).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);

    const fonts = poppler("pdffonts", files[variant]).split("\n").slice(2).filter((line) => line.trim());
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) {
      const [emb, , uni] = line.trim().split(/\s+/).slice(-5, -2);
      expect({ font: line.split(/\s+/)[0], emb, uni }).toEqual({ font: line.split(/\s+/)[0], emb: "yes", uni: "yes" });
    }
  });

  it("draws and copies names outside WinAnsi as written", () => {
    for (const file of [files.full, files.public]) {
      const text = poppler("pdftotext", "-enc", "UTF-8", file, "-");
      expect(text).toContain("Zoë Lee Nguyễn");
      expect(text).toContain("Łukasz");
    }
  });

  it("draws a name in a script Noto Sans lacks as \"?\" (never an empty box that copies as nothing) and carries it as written in ActualText", async () => {
    const facts = { ...input.facts, child: { ...input.facts.child, firstName: "王小明", middleName: "", lastName: "Ελένη" } };
    const packet = toPublicSafe(buildFullPacket({ ...input, facts }, now));
    const pdf = await renderPacketPdf(packet);
    const file = save("cjk.pdf", pdf);
    expect(poppler("pdftotext", "-enc", "UTF-8", file, "-")).toContain("MISSING: ??? Ελένη");
    const actualTexts = literalStrings(pdf, "/ActualText");
    expect(actualTexts).toContain("MISSING: 王小明 Ελένη");
    expect(actualTexts).toContain("王小明 Ελένη");
  });

  it("full: lists the headings, each section's table (TH with scope Row, then TD) and every typed value, in reading order", () => {
    const tree = structTree(files.full);
    const document = tree.children[0]!;
    expect(document.type).toBe("Document");
    const headings = inOrder(document, ["H1", "H2"]).map((h) => `${h.type} ${textOf(h)}`);
    expect(headings).toEqual([
      "H1 NCMEC report packet: Zoë Lee Nguyễn",
      ...["Reporting party", "Law enforcement", "Legal guardian", "The child", "Description", "Photos", "Risks", "Last seen and circumstances", "Companions and abductor", "Phones and online accounts", "Earlier missing episodes", "Photo consent", "Report to NCMEC"].map((t) => `H2 ${t}`),
    ]);
    // Each H2 opens its own section, followed by that section's content.
    for (const sect of all(document, "Sect")) expect(sect.children[0]!.type).toBe("H2");

    const tables = all(document, "Table");
    const allRows = tables.flatMap(rows);
    for (const row of allRows) {
      expect(row.cells).toEqual(["TH", "TD"]);
      expect(row.th.attributes).toContain("/Scope /Row");
    }
    // The clocks, then the child's rows as laid out, label before value.
    expect(allRows.slice(0, 2).map((r) => r.label)).toEqual(["Law-enforcement report", "NCMEC report"]);
    const child = rows(all(document, "Sect").find((s) => textOf(s.children[0]!) === "The child")!.children.find((c) => c.type === "Table")!);
    expect(child.map((r) => [r.label, r.value])).toEqual([
      ["Name", "Zoë Lee Nguyễn"],
      ["Aliases and nicknames", "Łukasz, J-Riv"],
      ["Date of birth", full.child.dateOfBirth],
      ["Age when missing", String(full.child.ageWhenMissing)],
      ["Sex", "Female (F)"],
      ["Race", "White (W), Black (B)"],
      ["Ethnicity", "Hispanic or Latino"],
      ["Agency case number", full.child.agencyCaseNumber],
      ["Legal status", "Temporary or emergency custody of the agency"],
      ["Custody", full.child.custodyDetails],
    ]);
    const cellText = allRows.map((r) => r.value).join("\n");
    expect(typedValues(input).filter((value) => !cellText.includes(value.replace(/\s+/g, " ")))).toEqual([]);

    // A value that is a list is a list: the abductor's details, one item each.
    const abductor = all(document, "TR").find((tr) => textOf(tr.children[0]!) === "Suspected abductor")!;
    const items = all(abductor, "LI").map((li) => `${all(li, "LBody").length}:${textOf(li)}`);
    expect(items).toEqual(["1:Drew Sample", "1:Adult man, about 30, beard", "1:Phone 555-999-0000", "1:Driver's license NY D1234567", "1:Vehicle: Gray sedan, plate ABC-1234"]);
    expect(all(abductor, "L")).toHaveLength(1);

    // Headers, footers and rules are artifacts: not in the structure.
    const structText = textOf(document);
    for (const artifact of ["CONFIDENTIAL - for NCMEC", "Page 1 of", "Generated "]) expect(structText).not.toContain(artifact);
  });

  it.each(["full", "public"] as const)("%s: each photo is a Figure with whose photo it is and when it was taken, then its caption", async (variant) => {
    const document = structTree(files[variant]).children[0]!;
    const photos = all(document, "Sect").find((s) => textOf(s.children[0]!) === "Photos")!;
    expect(photos.children.map((c) => c.type)).toEqual(["H2", "Figure", "P", "Figure", "P"]);
    for (const figure of all(photos, "Figure")) expect(figure.attributes.some((a) => a.startsWith("/BBox"))).toBe(true);
    expect(all(photos, "P").map(textOf)).toEqual(["Photo 1, taken 2026-10-01", "Photo 2, taken 2026-10-01"]);
    // pdfinfo does not print /Alt; pdf.js reads it from the same structure elements.
    const { figures } = await pdfjsView(bytes[variant]);
    expect(figures).toEqual(["Photo of Zoë Lee Nguyễn, taken 2026-10-01", "Photo of Zoë Lee Nguyễn, taken 2026-10-01"]);
  });

  it("public-safe: its headings and rows, and nothing of the agency, foster care, custody or trafficking in its metadata or alternatives", async () => {
    const document = structTree(files.public).children[0]!;
    expect(inOrder(document, ["H1", "H2"]).map((h) => `${h.type} ${textOf(h)}`)).toEqual([
      "H1 MISSING: Zoë Lee Nguyễn",
      ...["Missing child", "Description", "Photos", "Last seen", "If you have information"].map((t) => `H2 ${t}`),
    ]);
    const publicRows = all(document, "Table").flatMap(rows);
    expect(publicRows.slice(0, 2).map((r) => [r.label, r.value])).toEqual([["Name", "Zoë Lee Nguyễn"], ["Also known as", "Łukasz, J-Riv"]]);
    expect(publicRows.map((r) => r.value)).toContain(`1-800-THE-LOST (${publicSafe.contact.ncmecPhone})`);

    const forbidden = [input.agencyName, "Children's Services", "foster", "custody", "trafficking", "child welfare", "Homeward", input.facts.guardian!.reporterName, input.photos[0]!.attestedBy, "caseworker", "agency"];
    const metadata = `${poppler("pdfinfo", files.public)}\n${poppler("pdfinfo", "-meta", files.public)}`;
    const { figures, info } = await pdfjsView(bytes.public);
    const said = [metadata, JSON.stringify(info), ...figures, textOf(document)].join("\n").toLowerCase();
    expect(forbidden.filter((word) => said.includes(word.toLowerCase()))).toEqual([]);
    // What the metadata does say.
    expect(metadata).toMatch(/^Subject:\s+Missing child/m);
    expect(metadata).toMatch(/^Creator:\s+PDFKit$/m);
    expect(metadata).toMatch(/^Producer:\s+PDFKit$/m);
    expect(metadata).not.toMatch(/^Author:/m);
  });

  it("draft: says so in the structure (a section of what is missing), with the watermark and running warning as artifacts", async () => {
    const facts = { ...input.facts, savedSteps: input.facts.savedSteps.filter((s) => s !== "description"), description: null };
    const draft = buildFullPacket({ ...input, facts }, now);
    expect(draft.status).toBe("draft");
    const file = save("draft.pdf", await renderPacketPdf(draft));
    expect(poppler("pdfinfo", file)).toMatch(/^Tagged:\s+yes$/m);
    const document = structTree(file).children[0]!;
    const sections = all(document, "Sect");
    expect(textOf(sections[0]!.children[0]!)).toBe("DRAFT: still missing");
    expect(rows(sections[0]!.children[1]!)[0]).toMatchObject({ label: "Missing", value: "Step not completed: Description" });
    expect(textOf(document)).not.toContain("DRAFT - incomplete");
    const { pages } = await pdfText(await renderPacketPdf(draft));
    for (const page of pages) expect(page).toContain("DRAFT - incomplete, do not send as final");
  });
});
