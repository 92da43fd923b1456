/**
 * The NCMEC report packet as one data object: built here from an episode's facts (no I/O, `now`
 * passed in), rendered as PDF and served as JSON. The public-safe variant is derived from the
 * full one by leaving things out, never by adding.
 */
import { z } from "zod";
import { EYE_COLORS, HAIR_COLORS, NCIC_UNKNOWN, RACES, SEXES, SKIN_TONES, labelOf } from "./ncic-codes";
import { ageOn, clockOf, type Clock } from "./reporting-rules";
import { calendarDateIn } from "./zoned-time";
import { ANSWER_LABELS, eyewearLabel, fullName } from "./labels";
import { isOlderThanRecentLimit } from "./photo-age";

export const PACKET_SCHEMA_VERSION = "1.0";

const ZCode = z.object({ code: z.string(), label: z.string() });
const ZClock = z.object({ deadline: z.iso.datetime(), state: z.enum(["pending", "overdue", "on-time", "late"]), reportedAt: z.iso.datetime().nullable() });
const ZPhoto = z.object({ id: z.uuid(), takenOn: z.iso.date(), olderThan180Days: z.boolean(), width: z.int(), height: z.int(), jpegBase64: z.string() });

const ZPublicChild = z.object({
  fullName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.iso.date(),
  ageWhenMissing: z.int().nullable(),
  sex: ZCode,
  races: z.array(ZCode),
});

const ZDescription = z.object({
  height: z.object({ inches: z.int(), text: z.string(), ncic: z.string() }).nullable(),
  weightPounds: z.int().nullable(),
  hair: ZCode.nullable(),
  eyes: ZCode.nullable(),
  complexion: ZCode.nullable(),
  eyewear: z.string().nullable(),
  braces: z.string().nullable(),
  marks: z.array(z.object({ kind: z.string(), location: z.string(), description: z.string() })),
  otherFeatures: z.string(),
});

export const ZPublicPacketSchema = z
  .object({
    schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
    variant: z.literal("public-safe"),
    status: z.enum(["draft", "final"]),
    missingItems: z.array(z.string()),
    generatedAt: z.iso.datetime(),
    child: ZPublicChild,
    description: ZDescription.nullable(),
    photos: z.array(ZPhoto),
    lastSeen: z.object({ date: z.iso.date().nullable(), city: z.string(), clothing: z.string() }).nullable(),
    contact: z.object({ lawEnforcementAgency: z.string().nullable(), lawEnforcementPhone: z.string().nullable(), ncmecPhone: z.literal("1-800-843-5678") }),
  })
  .strict();

export const ZFullPacketSchema = z
  .object({
    schemaVersion: z.literal(PACKET_SCHEMA_VERSION),
    variant: z.literal("full"),
    status: z.enum(["draft", "final"]),
    missingItems: z.array(z.string()),
    generatedAt: z.iso.datetime(),
    agency: z.object({ name: z.string(), timeZone: z.string() }),
    episode: z.object({
      id: z.uuid(),
      discoveredAt: z.iso.datetime().nullable(),
      lawEnforcementClock: ZClock.nullable(),
      ncmecClock: ZClock.nullable(),
    }),
    reportingParty: z.object({ name: z.string(), agency: z.string(), phone: z.string(), email: z.string(), agencyCaseNumber: z.string() }).nullable(),
    lawEnforcement: z
      .object({
        outcome: z.enum(["REPORTED", "REFUSED"]),
        agencyName: z.string(),
        phone: z.string(),
        officerName: z.string().nullable(),
        badgeNumber: z.string().nullable(),
        caseNumber: z.string().nullable(),
        reportedAt: z.iso.datetime(),
        ncicEntered: z.string().nullable(),
        ncicNumber: z.string().nullable(),
        refusedBy: z.string().nullable(),
        refusalStatement: z.string().nullable(),
        lateReason: z.string().nullable(),
      })
      .nullable(),
    legalGuardian: z.object({ sameAsReportingParty: z.boolean(), name: z.string(), agency: z.string(), phones: z.string(), email: z.string() }).nullable(),
    child: ZPublicChild.extend({
      ethnicity: z.string(),
      agencyCaseNumber: z.string(),
      legalStatus: z.string(),
      custodyDetails: z.string(),
    }),
    description: ZDescription.nullable(),
    photos: z.array(ZPhoto),
    risks: z.array(z.object({ risk: z.string(), answer: z.string(), details: z.string() })).nullable(),
    lastSeen: z
      .object({
        at: z.iso.datetime(),
        place: z.string(),
        city: z.string(),
        circumstances: z.string(),
        clothing: z.string(),
        possibleDestinations: z.string(),
        hasRunBefore: z.string(),
      })
      .nullable(),
    companions: z.array(z.object({ name: z.string(), description: z.string() })).nullable(),
    abductor: z.object({ name: z.string(), description: z.string(), phone: z.string(), driversLicense: z.string(), vehicle: z.string() }).nullable(),
    phones: z.array(z.object({ number: z.string(), note: z.string() })).nullable(),
    onlineAccounts: z.array(z.object({ platform: z.string(), handle: z.string() })).nullable(),
    earlierEpisodes: z.array(
      z.object({ discoveredAt: z.iso.datetime().nullable(), lastSeenAt: z.iso.datetime().nullable(), circumstances: z.string(), closedAt: z.iso.datetime().nullable(), recovery: z.string() }),
    ),
    photoConsent: z.array(z.object({ photoId: z.uuid(), attestedBy: z.string(), attestedAt: z.iso.datetime(), wording: z.string() })),
    ncmecReport: z.object({ reportedAt: z.iso.datetime(), method: z.string(), caseNumber: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  })
  .strict();

export const ZPacketSchema = z.discriminatedUnion("variant", [ZFullPacketSchema, ZPublicPacketSchema]);
export type FullPacket = z.infer<typeof ZFullPacketSchema>;
export type PublicPacket = z.infer<typeof ZPublicPacketSchema>;
export type Packet = FullPacket | PublicPacket;

/** Plain facts of one episode, as loaded through the agency scope. */
export type PacketSource = {
  agency: { name: string; timeZone: string };
  episode: { id: string; discoveredAt: Date | null; lastSeenAt: Date | null };
  child: {
    firstName: string; middleName: string; lastName: string; aliases: string; dateOfBirth: string; sex: string; races: string[];
    ethnicity: string; agencyCaseNumber: string; legalStatus: string; custodyDetails: string;
  };
  missingEvent: { lastSeenPlace: string; lastSeenCity: string; circumstances: string; clothing: string; possibleDestinations: string; hasRunBefore: string } | null;
  description: {
    heightFeet: string; heightInches: string; weightPounds: string; hairColor: string; eyeColor: string; skinTone: string; eyewear: string; braces: string;
    marks: { kind: string; location: string; description: string }[]; otherFeatures: string;
  } | null;
  risks: { label: string; present: string; details: string }[] | null;
  contacts: {
    phones: { number: string; note: string }[]; accounts: { platform: string; handle: string }[]; companions: { name: string; description: string }[];
    abductorKnown: string; abductor: { name: string; description: string; phone: string; driversLicense: string; vehicle: string };
  } | null;
  guardian: {
    reporterName: string; reporterAgency: string; reporterPhone: string; reporterEmail: string; guardianSameAsReporter: string;
    guardianName: string; guardianAgency: string; guardianPhones: string; guardianEmail: string;
  } | null;
  lawEnforcement: {
    outcome: "REPORTED" | "REFUSED"; agencyName: string; phone: string; officerName: string | null; badgeNumber: string | null; caseNumber: string | null;
    reportedAt: Date; ncicEntered: string | null; ncicNumber: string | null; refusedBy: string | null; refusalStatement: string | null; lateReason: string | null;
  } | null;
  ncmec: { reportedAt: Date; method: string; ncmecCaseNumber: string | null; contactName: string | null } | null;
  photos: { id: string; takenOn: string; width: number; height: number; jpegBase64: string; attestedBy: string; attestedAt: Date; attestationText: string }[];
  earlierEpisodes: { discoveredAt: Date | null; lastSeenAt: Date | null; circumstances: string; closedAt: Date | null }[];
  /** What the report still lacks against NCMEC's list; empty when complete. */
  missingItems: string[];
  /** Whether every information step is saved, so the packet may be final. */
  complete: boolean;
};

const ANSWER = ANSWER_LABELS;
const iso = (date: Date | null) => (date ? date.toISOString() : null);
const code = (set: readonly { code: string; label: string }[], value: string) => (value && value !== NCIC_UNKNOWN ? { code: value, label: labelOf(set, value) } : null);
const clockJson = (clock: Clock) => ({ deadline: clock.deadline.toISOString(), state: clock.state, reportedAt: iso(clock.reportedAt) });

function heightOf(feet: string, inches: string) {
  if (!feet) return null;
  const total = Number(feet) * 12 + Number(inches || 0);
  return { inches: total, text: `${feet} ft ${Number(inches || 0)} in`, ncic: `${feet}${String(Number(inches || 0)).padStart(2, "0")}` };
}

/** The full packet, for NCMEC and law enforcement. */
export function buildFullPacket(source: PacketSource, now: Date): FullPacket {
  const { agency, episode, child, missingEvent, description, contacts, guardian } = source;
  const le = source.lawEnforcement;
  const missingOn = episode.lastSeenAt ? calendarDateIn(episode.lastSeenAt, agency.timeZone) : null;
  return {
    schemaVersion: PACKET_SCHEMA_VERSION,
    variant: "full",
    status: source.complete ? "final" : "draft",
    missingItems: source.missingItems,
    generatedAt: now.toISOString(),
    agency,
    episode: {
      id: episode.id,
      discoveredAt: iso(episode.discoveredAt),
      lawEnforcementClock: episode.discoveredAt ? clockJson(clockOf(episode.discoveredAt, le?.reportedAt ?? null, now)) : null,
      ncmecClock: episode.discoveredAt ? clockJson(clockOf(episode.discoveredAt, source.ncmec?.reportedAt ?? null, now)) : null,
    },
    reportingParty: guardian
      ? { name: guardian.reporterName, agency: guardian.reporterAgency, phone: guardian.reporterPhone, email: guardian.reporterEmail, agencyCaseNumber: child.agencyCaseNumber }
      : null,
    lawEnforcement: le ? { ...le, reportedAt: le.reportedAt.toISOString() } : null,
    legalGuardian: guardian
      ? guardian.guardianSameAsReporter === "yes"
        ? { sameAsReportingParty: true, name: guardian.reporterName, agency: guardian.reporterAgency, phones: guardian.reporterPhone, email: guardian.reporterEmail }
        : { sameAsReportingParty: false, name: guardian.guardianName, agency: guardian.guardianAgency, phones: guardian.guardianPhones, email: guardian.guardianEmail }
      : null,
    child: {
      fullName: fullName(child),
      aliases: child.aliases.split("\n").map((a) => a.trim()).filter(Boolean),
      dateOfBirth: child.dateOfBirth,
      ageWhenMissing: missingOn ? ageOn(child.dateOfBirth, missingOn) : null,
      sex: code(SEXES, child.sex) ?? { code: "U", label: "Unknown" },
      races: child.races.map((r) => ({ code: r, label: labelOf(RACES, r) })),
      ethnicity: child.ethnicity,
      agencyCaseNumber: child.agencyCaseNumber,
      legalStatus: child.legalStatus,
      custodyDetails: child.custodyDetails,
    },
    description: description
      ? {
          height: heightOf(description.heightFeet, description.heightInches),
          weightPounds: description.weightPounds ? Number(description.weightPounds) : null,
          hair: code(HAIR_COLORS, description.hairColor),
          eyes: code(EYE_COLORS, description.eyeColor),
          complexion: code(SKIN_TONES, description.skinTone),
          eyewear: eyewearLabel(description.eyewear),
          braces: ANSWER[description.braces] ?? null,
          marks: description.marks,
          otherFeatures: description.otherFeatures,
        }
      : null,
    photos: source.photos.map((p) => ({ id: p.id, takenOn: p.takenOn, olderThan180Days: isOlderThanRecentLimit(p.takenOn, now, agency.timeZone), width: p.width, height: p.height, jpegBase64: p.jpegBase64 })),
    risks: source.risks ? source.risks.map((r) => ({ risk: r.label, answer: ANSWER[r.present] ?? r.present, details: r.details })) : null,
    lastSeen:
      missingEvent && episode.lastSeenAt
        ? {
            at: episode.lastSeenAt.toISOString(),
            place: missingEvent.lastSeenPlace,
            city: missingEvent.lastSeenCity,
            circumstances: missingEvent.circumstances,
            clothing: missingEvent.clothing,
            possibleDestinations: missingEvent.possibleDestinations,
            hasRunBefore: ANSWER[missingEvent.hasRunBefore] ?? missingEvent.hasRunBefore,
          }
        : null,
    companions: contacts ? contacts.companions : null,
    abductor: contacts && contacts.abductorKnown === "yes" ? contacts.abductor : null,
    phones: contacts ? contacts.phones : null,
    onlineAccounts: contacts ? contacts.accounts : null,
    earlierEpisodes: source.earlierEpisodes.map((e) => ({
      discoveredAt: iso(e.discoveredAt),
      lastSeenAt: iso(e.lastSeenAt),
      circumstances: e.circumstances,
      closedAt: iso(e.closedAt),
      recovery: "Recovery details are not recorded in Homeward yet",
    })),
    photoConsent: source.photos.map((p) => ({ photoId: p.id, attestedBy: p.attestedBy, attestedAt: p.attestedAt.toISOString(), wording: p.attestationText })),
    ncmecReport: source.ncmec
      ? { reportedAt: source.ncmec.reportedAt.toISOString(), method: source.ncmec.method, caseNumber: source.ncmec.ncmecCaseNumber, contact: source.ncmec.contactName }
      : null,
  };
}

/**
 * The public-safe packet, for posters and publicity: nothing of foster care or custody, medical or
 * mental health, trafficking or other risks, no agency or case numbers, no exact place (which may
 * name a placement), no phones or accounts of the child.
 */
export function toPublicSafe(full: FullPacket): PublicPacket {
  const { fullName, aliases, dateOfBirth, ageWhenMissing, sex, races } = full.child;
  return {
    schemaVersion: full.schemaVersion,
    variant: "public-safe",
    status: full.status,
    // The full list names things (guardian, risks, case numbers) a poster must not hint at.
    missingItems: full.missingItems.length > 0 ? ["The report is not complete yet"] : [],
    generatedAt: full.generatedAt,
    child: { fullName, aliases, dateOfBirth, ageWhenMissing, sex, races },
    // "Other features" is free text that may describe a condition; posters keep to what is seen.
    description: full.description ? { ...full.description, otherFeatures: "" } : null,
    photos: full.photos,
    lastSeen: full.lastSeen
      ? { date: calendarDateIn(new Date(full.lastSeen.at), full.agency.timeZone), city: full.lastSeen.city, clothing: full.lastSeen.clothing }
      : null,
    contact: {
      lawEnforcementAgency: full.lawEnforcement?.outcome === "REPORTED" ? full.lawEnforcement.agencyName : null,
      lawEnforcementPhone: full.lawEnforcement?.outcome === "REPORTED" ? full.lawEnforcement.phone : null,
      ncmecPhone: "1-800-843-5678",
    },
  };
}
