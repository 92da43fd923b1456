/**
 * The packet files as the route hands them out: their names, and (read with poppler's pdfinfo) the
 * public-safe PDF's metadata. The renderer's tagging is checked in tests/unit/packet-pdf-tagged.test.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz/actor";
import { addPhoto } from "@/server/photos/add-photo";
import { generatePacket } from "@/server/packets/generate-packet";
import { jpegWithGps } from "../fixtures/images";
import { makeAgency, makeUser, reportedEpisode, requestId, resetDatabase, signInAs } from "./support";

const ctx = () => ({ requestId: requestId() });
const AGENCY = "Harbor County Department of Child Welfare";
const dir = mkdtempSync(path.join(tmpdir(), "packet-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let caseworker: Actor;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency(AGENCY, "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
});

/** pdfinfo, failing (not skipping) with what to install when poppler-utils is missing. */
function pdfinfo(...args: string[]): string {
  try {
    return execFileSync("pdfinfo", args, { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("pdfinfo is not installed: this test needs poppler-utils (apt-get install poppler-utils; .ci/run installs it)");
    throw error;
  }
}

describe("the packet files", () => {
  it("are named neutrally when public-safe, and the public-safe PDF's information and XMP say nothing of the agency, foster care, custody or trafficking", async () => {
    const { episodeId, steps } = await reportedEpisode(caseworker);
    await addPhoto(caseworker, { episodeId, file: await jpegWithGps(), fields: { takenOn: "2026-10-01", attest: "yes" } }, ctx());
    const id8 = episodeId.slice(0, 8);
    const names: string[] = [];
    for (const variant of ["full", "public-safe"] as const) {
      for (const format of ["pdf", "json"] as const) names.push((await generatePacket(caseworker, { episodeId, variant, format }, ctx())).filename);
    }
    expect(names).toEqual([`homeward-full-final-${id8}.pdf`, `homeward-full-final-${id8}.json`, `missing-child-final-${id8}.pdf`, `missing-child-final-${id8}.json`]);

    const pdf = await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "pdf" }, ctx());
    const file = path.join(dir, pdf.filename);
    writeFileSync(file, pdf.bytes);
    const info = pdfinfo(file);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(new RegExp(`^Title:\\s+Missing child: ${steps.child.firstName}`, "m"));
    const said = `${info}\n${pdfinfo("-meta", file)}`.toLowerCase();
    const forbidden = [AGENCY, "Child Welfare", "Department", "foster", "custody", "trafficking", "Homeward", caseworker.name, steps.guardian.reporterName, steps.child.agencyCaseNumber];
    expect(forbidden.filter((word) => said.includes(word.toLowerCase()))).toEqual([]);

    // The full packet names its agency as its author: it is for NCMEC and law enforcement.
    const full = await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx());
    const fullFile = path.join(dir, full.filename);
    writeFileSync(fullFile, full.bytes);
    expect(pdfinfo(fullFile)).toMatch(new RegExp(`^Author:\\s+${AGENCY}$`, "m"));
  });
});
