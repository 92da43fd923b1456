import { beforeEach, describe, expect, it } from "vitest";
import sharp from "sharp";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { NotFoundError } from "@/server/authz/errors";
import { ValidationError } from "@/server/use-case-errors";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { addPhoto } from "@/server/photos/add-photo";
import { listPhotos } from "@/server/photos/list-photos";
import { readPhoto } from "@/server/photos/read-photo";
import { removePhoto } from "@/server/photos/remove-photo";
import { generatePacket } from "@/server/packets/generate-packet";
import { loadEpisode } from "@/server/episodes/load-episode";
import { syncEpisode } from "@/server/episodes/sync-episode";
import { calendarDateIn } from "@/domain/zoned-time";
import { packetJsonSchema } from "@/lib/packet-json-schema";
import { PHOTO_ATTESTATION } from "@/lib/photo-consent";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { heifWithZeroLargeBox, jpegWithGps, pixelFlood, png, polyglot, renamedExecutable, truncatedJpeg, webp } from "../fixtures/images";
import { pdfImageCounts, pdfText } from "../support/pdf-text";
import { makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs } from "./support";

const ctx = () => ({ requestId: requestId() });
let caseworker: Actor;
let outsider: Actor;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County Children's Services", "America/New_York");
  const other = await makeAgency("Neighbor County", "America/Chicago");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  outsider = await signInAs(await makeUser(other.id, "CASEWORKER"));
});

const version = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;

async function episodeThrough(last: (typeof ORDERED_STEPS)[number] | null) {
  const { episodeId } = await startEpisode(
    caseworker,
    { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "X", underAgencyGuardianship: "yes" } },
    ctx(),
  );
  const steps = completeSteps(new Date());
  steps.contacts = { ...steps.contacts, abductorKnown: "yes", abductor: { name: "Drew Sample", description: "Adult man, about 30, beard", phone: "555-999-0000", driversLicense: "NY D1234567", vehicle: "Gray sedan ABC-1234" } };
  steps.guardian = { ...steps.guardian, guardianSameAsReporter: "no", guardianName: "Pat Guardian", guardianAgency: "Demo County Legal", guardianPhones: "555-777-8888", guardianEmail: "pat.guardian@demo.example.org" };
  if (last) {
    for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf(last) + 1)) {
      await saveEpisodeStep(caseworker, { episodeId, step, version: await version(episodeId), values: steps[step] }, ctx());
    }
  }
  return { episodeId, steps };
}

const upload = async (episodeId: string, file: Buffer, takenOn = "2026-10-01", actor = caseworker) =>
  addPhoto(actor, { episodeId, file, fields: { takenOn, attest: "yes" } }, ctx());

/** Every value a caseworker typed or chose, as the packet shows it. */
function typedValues(steps: ReturnType<typeof completeSteps>): string[] {
  const { child, description, risks, contacts, guardian, ncmec } = steps;
  const event = steps["missing-event"];
  const le = steps["law-enforcement"];
  return [
    child.firstName, child.middleName, child.lastName, "JJ", "J-Riv", child.dateOfBirth, child.agencyCaseNumber, child.custodyDetails, "Female (F)", "White (W)", "Black (B)",
    event.lastSeenPlace, event.lastSeenCity, event.circumstances, event.clothing, event.possibleDestinations,
    "5 ft 3 in", "110 lb", "Brown (BRO)", "Hazel (HAZ)", "Medium (MED)", "Glasses", ...description.marks.flatMap((m) => [m.location, m.description]), description.otherFeatures,
    ...Object.values(risks).map((r) => r.details).filter(Boolean),
    ...contacts.phones.flatMap((p) => [p.number, p.note]), ...contacts.accounts.flatMap((a) => [a.platform, a.handle]), ...contacts.companions.flatMap((c) => [c.name, c.description]),
    contacts.abductor.name, contacts.abductor.description, contacts.abductor.phone, contacts.abductor.driversLicense, contacts.abductor.vehicle,
    le.agencyName, le.phone, le.officerName, le.badgeNumber, le.caseNumber, le.ncicNumber,
    guardian.reporterName, guardian.reporterAgency, guardian.reporterPhone, guardian.reporterEmail, guardian.guardianName, guardian.guardianAgency, guardian.guardianPhones, guardian.guardianEmail,
    ncmec.ncmecCaseNumber, ncmec.contactName,
  ].filter((value) => value !== "");
}

describe("the packet", () => {
  it("has every value filled in the wizard in the PDF's text and in the JSON, which validates against the schema", async () => {
    const { episodeId, steps } = await episodeThrough("ncmec");
    await upload(episodeId, await jpegWithGps());
    const pdf = await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx());
    const { text, pages } = await pdfText(pdf.bytes);
    const missingFromPdf = typedValues(steps).filter((value) => !text.includes(value.replace(/\s+/g, " ")));
    expect(missingFromPdf).toEqual([]);
    expect(pages[0]).toContain("CONFIDENTIAL");
    expect(pages[0]).toContain("Demo County Children's Services");
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(text).not.toContain("DRAFT");
    expect(text).toContain(PHOTO_ATTESTATION.slice(0, 60));
    expect(text).toContain("Earlier missing episodes");

    const json = await generatePacket(caseworker, { episodeId, variant: "full", format: "json" }, ctx());
    const body = new TextDecoder().decode(json.bytes);
    // The JSON keeps codes and labels apart ("Female (F)" is {"code":"F","label":"Female"}) and numbers as numbers.
    const inJson = typedValues(steps).map((value) => value.replace(/ \([A-Z]{1,3}\)$/, "").replace(/ lb$/, ""));
    expect(inJson.filter((value) => !body.includes(JSON.stringify(value).slice(1, -1)))).toEqual([]);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(packetJsonSchema());
    expect(validate(JSON.parse(body)), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ schemaVersion: "3.0", variant: "full", status: "final" });
    // Every coded value is a code with its label.
    expect(JSON.parse(body).child.ethnicity).toEqual({ code: "hispanic", label: "Hispanic or Latino" });
    // The schema is not vacuous: a wrong version and a missing child are refused.
    expect(validate({ ...JSON.parse(body), schemaVersion: "0.9" })).toBe(false);
    expect(validate({ ...JSON.parse(body), child: undefined })).toBe(false);
    expect(validate({ ...JSON.parse(body), generatedAt: "yesterday" })).toBe(false);
  });

  it("keeps the public-safe PDF and JSON free of every sensitive value", async () => {
    const { episodeId, steps } = await episodeThrough("ncmec");
    const sensitive = [
      steps.child.agencyCaseNumber, steps.child.custodyDetails, steps["missing-event"].lastSeenPlace, steps["missing-event"].circumstances,
      steps["law-enforcement"].caseNumber, steps["law-enforcement"].ncicNumber, steps.ncmec.ncmecCaseNumber, steps.guardian.reporterName,
      steps.guardian.guardianName, "Demo County Children's Services", ...Object.values(steps.risks).map((r) => r.details).filter(Boolean),
      steps.contacts.phones[0]!.number, steps.contacts.accounts[0]!.handle, steps.contacts.abductor.description, steps.description.otherFeatures,
      "foster", "Foster", "custody", "Custody", "trafficking", "exploitation", "Medical", "Mental", "Risks", "CONFIDENTIAL",
    ];
    const pdf = await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "pdf" }, ctx());
    const json = await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "json" }, ctx());
    const { text } = await pdfText(pdf.bytes);
    const jsonText = new TextDecoder().decode(json.bytes);
    expect(sensitive.filter((value) => text.includes(value))).toEqual([]);
    expect(sensitive.filter((value) => jsonText.includes(value))).toEqual([]);
    expect(text).toContain("Jordan Lee Rivera");
    expect(text).toContain("Springfield, NY");
    expect(text).toContain("1-800-843-5678");
  });

  it("lists each earlier episode's recovery in named fields in the full packet only, never the placement, condition, screen or determination", async () => {
    const first = await reportedEpisode(caseworker);
    const recoveredAt = new Date(Date.now() - 2 * 3_600_000);
    const secret = { address: "12 Hidden Lane", condition: "Bruised left arm, tired", placement: "Oak Street foster home", screenedBy: "Dana Screener" };
    await db().recovery.create({
      data: {
        episodeId: first.episodeId, agencyId: caseworker.agency.id, locatedAt: recoveredAt, recoveredAt, knownAt: recoveredAt,
        address: secret.address, city: "Albany", state: "NY", placeKind: "FRIEND_HOME", recoveredBy: "LAW_ENFORCEMENT", condition: secret.condition, placement: secret.placement,
        packetSummary: "Found at a classmate's house after a tip; came back willingly", recordedById: caseworker.userId, recordedAt: recoveredAt,
      },
    });
    await db().traffickingScreen.create({ data: { agencyId: caseworker.agency.id, episodeId: first.episodeId, instrument: "CSE_IT", result: "POSSIBLE", screenedBy: secret.screenedBy, screenedAt: recoveredAt, recordedById: caseworker.userId, recordedAt: recoveredAt } });
    await db().traffickingDetermination.create({ data: { episodeId: first.episodeId, agencyId: caseworker.agency.id, sex: "SUSPECTED", labor: "NOT_A_VICTIM", informationReceivedAt: recoveredAt, recordedById: caseworker.userId, recordedAt: recoveredAt } });
    await db().$transaction((tx) => syncEpisode(tx, caseworker, first.episodeId, new Date()));
    // An episode entered in error in between is no earlier episode.
    const mistaken = await reportedEpisode(caseworker, { childId: first.childId, submit: false });
    await db().episode.update({ where: { id: mistaken.episodeId }, data: { voidedAt: new Date(), voidedById: caseworker.userId, voidReason: "Entered twice" } });
    await db().$transaction((tx) => syncEpisode(tx, caseworker, mistaken.episodeId, new Date()));
    const { episodeId } = await reportedEpisode(caseworker, { childId: first.childId });

    const full = await generatePacket(caseworker, { episodeId, variant: "full", format: "json" }, ctx());
    const fullJson = new TextDecoder().decode(full.bytes);
    const earlier = JSON.parse(fullJson).earlierEpisodes;
    expect(earlier).toHaveLength(1);
    // The loaded facts hold the child's other recoveries only: not this episode's, not a voided one's.
    for (const id of [episodeId, mistaken.episodeId]) {
      await db().recovery.create({ data: { episodeId: id, agencyId: caseworker.agency.id, locatedAt: new Date(), recoveredAt: new Date(), knownAt: new Date(), recordedById: caseworker.userId, recordedAt: new Date() } });
    }
    const { facts } = await db().$transaction((tx) => loadEpisode(tx, caseworker, episodeId));
    expect(facts.earlierRecoveries.map((recovery) => recovery.episodeId)).toEqual([first.episodeId]);
    expect(earlier[0].recovery).toEqual({
      recoveredOn: calendarDateIn(recoveredAt, "America/New_York"),
      city: "Albany",
      state: "NY",
      placeKind: { code: "FRIEND_HOME", label: "A friend's home" },
      recoveredBy: { code: "LAW_ENFORCEMENT", label: "Found by law enforcement" },
      summary: "Found at a classmate's house after a tip; came back willingly",
    });
    const fullPdf = await pdfText((await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx())).bytes);
    for (const line of [
      `Date recovered: ${calendarDateIn(recoveredAt, "America/New_York")}`,
      "City and state: Albany, NY",
      "Kind of place: A friend's home",
      "How and by whom recovered: Found by law enforcement",
      "Summary: Found at a classmate's house after a tip; came back willingly",
    ]) {
      expect(fullPdf.text).toContain(line);
    }
    const never = [...Object.values(secret), "CSE_IT", "CSE-IT", "POSSIBLE", "SUSPECTED", "NOT_A_VICTIM", "Entered twice"];
    expect(never.filter((value) => fullJson.includes(value) || fullPdf.text.includes(value))).toEqual([]);

    const publicJson = new TextDecoder().decode((await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "json" }, ctx())).bytes);
    const publicPdf = await pdfText((await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "pdf" }, ctx())).bytes);
    expect(JSON.parse(publicJson)).not.toHaveProperty("earlierEpisodes");
    const earlierValues = [...never, "Albany", "classmate", "A friend's home", "Found by law enforcement", "Earlier", "recovered", "Recovered"];
    expect(earlierValues.filter((value) => publicJson.includes(value) || publicPdf.text.includes(value))).toEqual([]);
  });

  it("is a draft, marked on every page with what is missing, until the report is complete", async () => {
    const { episodeId } = await episodeThrough("missing-event");
    // The server decides: nothing in the request can make an incomplete report's packet final.
    const pdf = await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx());
    expect(pdf.packet.status).toBe("draft");
    expect(pdf.filename).toContain("-draft-");
    const { pages, text } = await pdfText(pdf.bytes);
    for (const page of pages) expect(page).toContain("DRAFT");
    expect(text).toContain("Step not completed: Description");
    expect(text).toContain("A recent, clear color photo");
  });

  it("audits every generation with who, which episode, variant, format and a hash of the bytes", async () => {
    const { episodeId } = await episodeThrough("guardian");
    const pdf = await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx());
    const { createHash } = await import("node:crypto");
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "packet.generated" } });
    expect(event).toMatchObject({ actorUserId: caseworker.userId, targetType: "Episode", targetId: episodeId });
    expect(event.details).toMatchObject({ variant: "full", format: "pdf", sha256: createHash("sha256").update(pdf.bytes).digest("hex") });
  });

  it("opens and carries every photo, small (under Node's 4 KB pool) and large, in every variant and format, 50 times in a row", async () => {
    const { episodeId } = await episodeThrough("ncmec");
    const plain = await sharp({ create: { width: 40, height: 48, channels: 3, background: "#8a6d4b" } }).png().toBuffer();
    await upload(episodeId, plain);
    await upload(episodeId, await jpegWithGps(3000, 2000));
    const stored = await db().photo.findMany({ where: { episodeId }, orderBy: { uploadedAt: "asc" }, select: { displayJpeg: true } });
    expect(stored[0]!.displayJpeg.length).toBeLessThan(4096);
    expect(stored[1]!.displayJpeg.length).toBeGreaterThan(4096);
    for (let run = 0; run < 50; run++) {
      // Two hundred packets are more than one person may ask for in ten minutes; the limit is not what this tests.
      await db().rateLimitWindow.deleteMany();
      for (const variant of ["full", "public-safe"] as const) {
        const pdf = await generatePacket(caseworker, { episodeId, variant, format: "pdf" }, ctx());
        const images = await pdfImageCounts(pdf.bytes);
        expect(images.reduce((sum, count) => sum + count, 0), `${variant} PDF, run ${run + 1}`).toBe(2);
        const json = await generatePacket(caseworker, { episodeId, variant, format: "json" }, ctx());
        const photos: { jpegBase64: string }[] = JSON.parse(new TextDecoder().decode(json.bytes)).photos;
        expect(photos.map((p) => Buffer.from(p.jpegBase64, "base64").equals(Buffer.from(stored[photos.indexOf(p)]!.displayJpeg)))).toEqual([true, true]);
      }
    }
  });

  it("is not found for another agency", async () => {
    const { episodeId } = await episodeThrough("guardian");
    await expect(generatePacket(outsider, { episodeId, variant: "full", format: "pdf" }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().auditEvent.count({ where: { action: "packet.generated" } })).toBe(0);
  });

  it("matches the JSON Schema committed in docs/", () => {
    expect(JSON.parse(readFileSync("docs/ncmec-packet.schema.json", "utf8"))).toEqual(JSON.parse(JSON.stringify(packetJsonSchema())));
  });
});

describe("photos", () => {
  it("are re-encoded upright with no EXIF or GPS left, with a thumbnail, stored in the database", async () => {
    const { episodeId } = await episodeThrough("child");
    const original = await jpegWithGps(600, 400);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { photoId } = await upload(episodeId, original);
    const stored = await db().photo.findUniqueOrThrow({ where: { id: photoId } });
    for (const bytes of [Buffer.from(stored.displayJpeg), Buffer.from(stored.thumbnailJpeg)]) {
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(bytes.includes(Buffer.from("Exif"))).toBe(false);
      expect(bytes.includes(Buffer.from("GPS 9000"))).toBe(false);
    }
    // Orientation 6 means "rotate 90°": the stored image is upright, so portrait.
    expect([stored.displayWidth, stored.displayHeight]).toEqual([400, 600]);
    expect(stored.attestationText).toBe(PHOTO_ATTESTATION);
    expect(stored.attestedById).toBe(caseworker.userId);
    expect((await readPhoto(caseworker, { episodeId, photoId, size: "thumbnail" }, ctx())).length).toBe(stored.thumbnailJpeg.length);
  });

  it("accepts PNG and WebP, recognised by content", async () => {
    const { episodeId } = await episodeThrough("child");
    await upload(episodeId, await png());
    await upload(episodeId, await webp());
    expect((await db().photo.findMany({ select: { sourceFormat: true }, orderBy: { uploadedAt: "asc" } })).map((p) => p.sourceFormat)).toEqual(["png", "webp"]);
  });

  it.each([
    ["an empty file", async () => Buffer.alloc(0), /empty/],
    ["a renamed executable", renamedExecutable, /not a JPEG, PNG, WebP or HEIC/],
    ["a polyglot", polyglot, /something other than a photo/],
    ["a pixel flood", pixelFlood, /more than 40 megapixels/],
    ["a truncated image", truncatedJpeg, /damaged or incomplete/],
    ["a HEIF file with a malformed box after the image", heifWithZeroLargeBox, /something other than a photo/],
    ["a file over 10 MB", async () => Buffer.concat([await jpegWithGps(), Buffer.alloc(10 * 1024 * 1024)]), /larger than 10 MB/],
  ])("refuse %s with a clear message and store nothing", async (_name, make, message) => {
    const { episodeId } = await episodeThrough("child");
    const error = await upload(episodeId, await make()).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.file).toMatch(message);
    expect(await db().photo.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "photo.added" } })).toBe(0);
  });

  it("require the consent statement and a sensible date", async () => {
    const { episodeId } = await episodeThrough("child");
    const file = await png();
    const noConsent = await addPhoto(caseworker, { episodeId, file, fields: { takenOn: "2026-10-01", attest: "" } }, ctx()).catch((e) => e);
    expect(noConsent.fieldErrors).toEqual({ attest: "Confirm the statement about the photo to upload it" });
    const future = await addPhoto(caseworker, { episodeId, file, fields: { takenOn: "2099-01-01", attest: "yes" } }, ctx()).catch((e) => e);
    expect(Object.keys(future.fieldErrors)).toEqual(["takenOn"]);
    expect(await db().photo.count()).toBe(0);
  });

  it("older than 180 days get a warning", async () => {
    const { episodeId } = await episodeThrough("child");
    expect((await upload(episodeId, await png(), "2025-01-01")).olderThanRecentLimit).toBe(true);
    expect((await listPhotos(caseworker, episodeId, ctx()))[0]!.olderThanRecentLimit).toBe(true);
  });

  it("of another agency are not found, whatever the ids", async () => {
    const { episodeId } = await episodeThrough("child");
    const { photoId } = await upload(episodeId, await png());
    await expect(readPhoto(outsider, { episodeId, photoId, size: "display" }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    await expect(listPhotos(outsider, episodeId, ctx())).rejects.toBeInstanceOf(NotFoundError);
    await expect(removePhoto(outsider, { episodeId, photoId }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    await expect(upload(episodeId, await png(), "2026-10-01", outsider)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().photo.count()).toBe(1);
  });
});
