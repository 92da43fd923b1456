import { describe, expect, it } from "vitest";
import { buildFullPacket, toPublicSafe, ZFullPacketSchema, ZPublicPacketSchema } from "@/domain/packet";
import { completePacketSource, sensitiveValues } from "../fixtures/packet-source";

const now = new Date("2026-11-22T12:00:00Z");

describe("the packet data object", () => {
  it("from a complete episode: final, every section filled, in the full schema", () => {
    const source = completePacketSource(now);
    const packet = buildFullPacket(source, now);
    expect(() => ZFullPacketSchema.parse(packet)).not.toThrow();
    expect(packet.status).toBe("final");
    expect(packet.missingItems).toEqual([]);
    expect(packet.child.fullName).toBe("Jordan Lee Rivera");
    expect(packet.child.aliases).toEqual(["JJ", "J-Riv"]);
    expect(packet.child.ageWhenMissing).toBe(15);
    expect(packet.description?.height).toEqual({ inches: 63, text: "5 ft 3 in", ncic: "503" });
    expect(packet.description?.hair).toEqual({ code: "BRO", label: "Brown" });
    expect(packet.description?.eyewear).toEqual({ code: "glasses", label: "Glasses" });
    expect(packet.description?.braces).toBe(true);
    expect(packet.child.ethnicity).toEqual({ code: "hispanic", label: "Hispanic or Latino" });
    expect(packet.child.legalStatus).toEqual({ code: "temporary-custody", label: "Temporary or emergency custody of the agency" });
    expect(packet.lastSeen?.hasRunBefore).toBe(true);
    expect(packet.lawEnforcement?.outcome).toEqual({ code: "REPORTED", label: "Law enforcement took the report" });
    expect(packet.lawEnforcement?.ncicEntered).toBe(true);
    expect(packet.ncmecReport?.method).toEqual({ code: "CALL_CENTER", label: "NCMEC call center (1-800-843-5678)" });
    expect(packet.lawEnforcement?.caseNumber).toBe("SPD-26-118");
    expect(packet.legalGuardian).toMatchObject({ sameAsReportingParty: false, name: "Pat Guardian" });
    expect(packet.risks?.find((r) => r.risk.code === "medical")).toEqual({ risk: { code: "medical", label: "Medical conditions" }, present: true, details: "Asthma; needs an inhaler" });
    expect(packet.abductor?.vehicle).toBe("Gray sedan, plate ABC-1234");
    expect(packet.earlierEpisodes).toHaveLength(1);
    // Recovered 2026-01-11 at 22:30 in New York (03:30 UTC the next day): the agency's day.
    expect(packet.earlierEpisodes[0]!.recovery).toEqual({
      recoveredOn: "2026-01-11",
      city: "Albany",
      state: "NY",
      placeKind: { code: "FAMILY_HOME", label: "A relative's or parent's home" },
      recoveredBy: { code: "LAW_ENFORCEMENT", label: "Found by law enforcement" },
      summary: "Found at a cousin's apartment after a tip; came back willingly",
    });
    expect(packet.episode.lawEnforcementClock?.state).toEqual({ code: "on-time", label: "Reported on time" });
    expect(packet.generatedAt).toBe(now.toISOString());
  });

  it("from an incomplete episode: a draft that lists what is missing and leaves empty sections empty", () => {
    const complete = completePacketSource(now);
    const facts = { ...complete.facts, savedSteps: complete.facts.savedSteps.filter((s) => !["description", "risks", "contacts", "law-enforcement", "ncmec"].includes(s)), description: null, risks: null, contacts: null, lawEnforcement: null, ncmec: null };
    const packet = buildFullPacket({ ...complete, facts }, now);
    expect(() => ZFullPacketSchema.parse(packet)).not.toThrow();
    expect(packet.status).toBe("draft");
    expect(packet.missingItems.slice(0, 4)).toEqual(["Step not completed: Description", "Step not completed: Risks", "Step not completed: Contacts", "Step not completed: Law enforcement"]);
    expect(packet.missingItems).toContain("Height");
    expect(packet.description).toBeNull();
    expect(packet.lawEnforcement).toBeNull();
    expect(packet.episode.lawEnforcementClock?.state.code).toBe("pending");
  });

  it("marks photos older than 180 days", () => {
    const photo = { id: "6f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5", width: 10, height: 10, jpegBase64: "", attestedBy: "Casey", attestedAt: now, attestationText: "x" };
    const source = { ...completePacketSource(now), photos: [{ ...photo, takenOn: "2026-05-26" }, { ...photo, takenOn: "2026-05-25" }] };
    expect(buildFullPacket(source, now).photos.map((p) => p.olderThan180Days)).toEqual([false, true]);
  });
});

describe("the public-safe filter", () => {
  it("keeps what a poster needs", () => {
    const publicPacket = toPublicSafe(buildFullPacket(completePacketSource(now), now));
    expect(() => ZPublicPacketSchema.parse(publicPacket)).not.toThrow();
    expect(publicPacket.child.fullName).toBe("Jordan Lee Rivera");
    expect(publicPacket.lastSeen).toEqual({ date: expect.stringMatching(/^2026-11-2\d$/), city: "Springfield, NY", clothing: "Red hoodie, black jeans, white sneakers" });
    expect(publicPacket.contact).toEqual({ lawEnforcementAgency: "Springfield Police Department", lawEnforcementPhone: "555-100-2000", ncmecPhone: "1-800-843-5678" });
  });

  it("says only that a draft is incomplete, never what is missing", () => {
    const complete = completePacketSource(now);
    const draft = { ...complete, facts: { ...complete.facts, savedSteps: complete.facts.savedSteps.filter((s) => s !== "guardian" && s !== "risks") } };
    const full = buildFullPacket(draft, now);
    expect(full.missingItems).toContain("Legal guardian's name, phone numbers and email");
    const publicPacket = toPublicSafe(full);
    expect(publicPacket.status).toBe("draft");
    expect(publicPacket.missingItems).toEqual(["The report is not complete yet"]);
  });

  it("never lets a sensitive value through", () => {
    const source = completePacketSource(now);
    const text = JSON.stringify(toPublicSafe(buildFullPacket(source, now)));
    const leaks = sensitiveValues(source).filter((value) => text.includes(value));
    expect(leaks).toEqual([]);
    // And the same values are in the full packet, so the check above is not vacuous.
    const fullText = JSON.stringify(buildFullPacket(source, now));
    expect(sensitiveValues(source).filter((value) => !fullText.includes(value) && !/^[a-z]+$|^[A-Z][a-z]+$/.test(value))).toEqual([]);
  });
});
