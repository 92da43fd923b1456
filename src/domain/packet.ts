/**
 * The NCMEC report packet as one data object: built here from an episode's facts (no I/O, `now`
 * passed in), rendered as PDF and served as JSON. The public-safe variant is derived from the
 * full one by leaving things out, never by adding.
 */
import { z } from "zod";
import { EYE_COLORS, HAIR_COLORS, NCIC_UNKNOWN, RACES, SEXES, SKIN_TONES, labelOf, ncicHeight, formatHeight, type CodeSet } from "./ncic-codes";
import { ETHNICITIES, EYEWEAR, LAW_ENFORCEMENT_OUTCOMES, LEGAL_STATUSES, MARK_KINDS, NCMEC_METHODS, RECOVERED_BY, RECOVERY_PLACE_KINDS, RISKS } from "./code-sets";
import { CLOCK_LABELS, type Clock, type ClockKind } from "./clocks";
import { stepTitle, type FormStepKey } from "./steps";
import { episodeProgress, clockOfKind } from "./episode-progress";
import type { ClockRules } from "./episode-clocks";
import { fullName, type EpisodeFacts } from "./episode-facts";
import { calendarDateIn } from "./zoned-time";
import { isOlderThanRecentLimit } from "./photo-age";

/**
 * 2.0: every coded value is `{ code, label }`; yes / no / not known answers are booleans or null.
 * 3.0: an earlier episode's `recovery` is its recovery in named fields (or null), no longer words.
 */
export const PACKET_SCHEMA_VERSION = "3.0";

const ZCode = z.object({ code: z.string(), label: z.string() }).strict();
const ZClock = z.object({ kind: ZCode, deadline: z.iso.datetime(), state: ZCode, reportedAt: z.iso.datetime().nullable() }).strict();
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
  eyewear: ZCode.nullable(),
  braces: z.boolean().nullable(),
  marks: z.array(z.object({ kind: ZCode, location: z.string(), description: z.string() })),
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
        outcome: ZCode,
        agencyName: z.string(),
        phone: z.string(),
        officerName: z.string().nullable(),
        badgeNumber: z.string().nullable(),
        caseNumber: z.string().nullable(),
        reportedAt: z.iso.datetime(),
        ncicEntered: z.boolean().nullable(),
        ncicNumber: z.string().nullable(),
        refusedBy: z.string().nullable(),
        refusalStatement: z.string().nullable(),
        lateReason: z.string().nullable(),
      })
      .nullable(),
    legalGuardian: z.object({ sameAsReportingParty: z.boolean(), name: z.string(), agency: z.string(), phones: z.string(), email: z.string() }).nullable(),
    child: ZPublicChild.extend({
      ethnicity: ZCode.nullable(),
      agencyCaseNumber: z.string(),
      legalStatus: ZCode.nullable(),
      custodyDetails: z.string(),
    }),
    description: ZDescription.nullable(),
    photos: z.array(ZPhoto),
    risks: z.array(z.object({ risk: ZCode, present: z.boolean().nullable(), details: z.string() })).nullable(),
    lastSeen: z
      .object({
        at: z.iso.datetime(),
        place: z.string(),
        city: z.string(),
        circumstances: z.string(),
        clothing: z.string(),
        possibleDestinations: z.string(),
        hasRunBefore: z.boolean().nullable(),
      })
      .nullable(),
    companions: z.array(z.object({ name: z.string(), description: z.string() })).nullable(),
    abductor: z.object({ name: z.string(), description: z.string(), phone: z.string(), driversLicense: z.string(), vehicle: z.string() }).nullable(),
    phones: z.array(z.object({ number: z.string(), note: z.string() })).nullable(),
    onlineAccounts: z.array(z.object({ platform: z.string(), handle: z.string() })).nullable(),
    /** The child's earlier episodes, oldest first, each with its recovery when one was recorded (never the placement, condition, screen or determination). */
    earlierEpisodes: z.array(
      z
        .object({
          discoveredAt: z.iso.datetime().nullable(),
          lastSeenAt: z.iso.datetime().nullable(),
          circumstances: z.string(),
          closedAt: z.iso.datetime().nullable(),
          recovery: z
            .object({
              /** The day the child was recovered, in the agency's time zone. */
              recoveredOn: z.iso.date(),
              city: z.string(),
              state: z.string().nullable(),
              placeKind: ZCode.nullable(),
              recoveredBy: ZCode.nullable(),
              /** What the caseworker wrote for the packet. */
              summary: z.string(),
            })
            .strict()
            .nullable(),
        })
        .strict(),
    ),
    photoConsent: z.array(z.object({ photoId: z.uuid(), attestedBy: z.string(), attestedAt: z.iso.datetime(), wording: z.string() })),
    ncmecReport: z.object({ reportedAt: z.iso.datetime(), method: ZCode, caseNumber: z.string().nullable(), contact: z.string().nullable() }).nullable(),
    /** Steps changed after the report was submitted, oldest first, and when each was sent on. */
    amendments: z.array(z.object({ step: ZCode, at: z.iso.datetime(), sentAt: z.iso.datetime().nullable() }).strict()),
  })
  .strict();

export const ZPacketSchema = z.discriminatedUnion("variant", [ZFullPacketSchema, ZPublicPacketSchema]);
export type FullPacket = z.infer<typeof ZFullPacketSchema>;
export type PublicPacket = z.infer<typeof ZPublicPacketSchema>;
export type Packet = FullPacket | PublicPacket;

export type PacketPhoto = { id: string; takenOn: string; width: number; height: number; jpegBase64: string; attestedBy: string; attestedAt: Date; attestationText: string };
/** An earlier episode of the child (voided ones are left out); its recovery comes from the facts (facts.earlierRecoveries). */
export type EarlierEpisode = { id: string; discoveredAt: Date | null; lastSeenAt: Date | null; circumstances: string; closedAt: Date | null };

/** One episode's facts as loaded through the agency scope, with what the packet adds to them. */
export type PacketSource = {
  agencyName: string;
  facts: EpisodeFacts;
  rules?: ClockRules;
  photos: PacketPhoto[];
  earlierEpisodes: EarlierEpisode[];
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const coded = (set: CodeSet, code: string) => ({ code, label: labelOf(set, code) });
const codedOrNull = (set: CodeSet, code: string | null) => (code === null || code === NCIC_UNKNOWN ? null : coded(set, code));
const STATE_LABELS = { pending: "Not reported yet", overdue: "Not reported and overdue", "on-time": "Reported on time", late: "Reported late" } as const;
function clockJson(clock: Clock | null) {
  if (!clock) return null;
  return { kind: { code: clock.kind, label: CLOCK_LABELS[clock.kind] }, deadline: clock.deadline.toISOString(), state: { code: clock.state, label: STATE_LABELS[clock.state] }, reportedAt: iso(clock.doneAt) };
}

/** The full packet, for NCMEC and law enforcement. Draft or final is the progress function's answer. */
export function buildFullPacket(source: PacketSource, now: Date): FullPacket {
  const { facts } = source;
  const progress = episodeProgress(facts, now, source.rules);
  const saved = (step: FormStepKey) => facts.savedSteps.includes(step);
  const child = facts.child;
  const event = saved("missing-event") ? facts.missingEvent : null;
  const description = saved("description") ? facts.description : null;
  const risks = saved("risks") ? facts.risks : null;
  const contacts = saved("contacts") ? facts.contacts : null;
  const guardian = saved("guardian") ? facts.guardian : null;
  const le = facts.lawEnforcement;
  const clock = (kind: ClockKind) => clockOfKind(progress.clocks, kind);
  return {
    schemaVersion: PACKET_SCHEMA_VERSION,
    variant: "full",
    status: progress.packet.status,
    missingItems: progress.packet.missingItems,
    generatedAt: now.toISOString(),
    agency: { name: source.agencyName, timeZone: facts.timeZone },
    episode: {
      id: facts.id,
      discoveredAt: iso(facts.missingEvent?.discoveredAt ?? null),
      lawEnforcementClock: clockJson(clock("LAW_ENFORCEMENT_REPORT")),
      ncmecClock: clockJson(clock("NCMEC_REPORT")),
    },
    reportingParty: guardian
      ? { name: guardian.reporterName, agency: guardian.reporterAgency, phone: guardian.reporterPhone, email: guardian.reporterEmail, agencyCaseNumber: child.agencyCaseNumber }
      : null,
    lawEnforcement: le
      ? {
          outcome: coded(LAW_ENFORCEMENT_OUTCOMES, le.outcome),
          agencyName: le.agencyName,
          phone: le.phone,
          officerName: le.officerName,
          badgeNumber: le.badgeNumber,
          caseNumber: le.caseNumber,
          reportedAt: le.reportedAt.toISOString(),
          ncicEntered: le.ncicEntered,
          ncicNumber: le.ncicNumber,
          refusedBy: le.refusedBy,
          refusalStatement: le.refusalStatement,
          lateReason: le.lateReason,
        }
      : null,
    legalGuardian: guardian
      ? guardian.guardianSameAsReporter
        ? { sameAsReportingParty: true, name: guardian.reporterName, agency: guardian.reporterAgency, phones: guardian.reporterPhone, email: guardian.reporterEmail }
        : { sameAsReportingParty: false, name: guardian.guardianName, agency: guardian.guardianAgency, phones: guardian.guardianPhones, email: guardian.guardianEmail }
      : null,
    child: {
      fullName: fullName(child),
      aliases: [...child.aliases],
      dateOfBirth: child.dateOfBirth,
      ageWhenMissing: progress.ageAtMissing,
      sex: coded(SEXES, child.sex ?? "U"),
      races: child.races.map((race) => coded(RACES, race)),
      ethnicity: codedOrNull(ETHNICITIES, child.ethnicity),
      agencyCaseNumber: child.agencyCaseNumber,
      legalStatus: codedOrNull(LEGAL_STATUSES, child.legalStatus),
      custodyDetails: child.custodyDetails,
    },
    description: description
      ? {
          height: description.heightInches === null ? null : { inches: description.heightInches, text: formatHeight(description.heightInches), ncic: ncicHeight(description.heightInches) },
          weightPounds: description.weightPounds,
          hair: codedOrNull(HAIR_COLORS, description.hairColor),
          eyes: codedOrNull(EYE_COLORS, description.eyeColor),
          complexion: codedOrNull(SKIN_TONES, description.skinTone),
          eyewear: codedOrNull(EYEWEAR, description.eyewear),
          braces: description.braces,
          marks: description.marks.map((mark) => ({ kind: coded(MARK_KINDS, mark.kind), location: mark.location, description: mark.description })),
          otherFeatures: description.otherFeatures,
        }
      : null,
    photos: source.photos.map((p) => ({ id: p.id, takenOn: p.takenOn, olderThan180Days: isOlderThanRecentLimit(p.takenOn, now, facts.timeZone), width: p.width, height: p.height, jpegBase64: p.jpegBase64 })),
    risks: risks ? RISKS.map((risk) => ({ risk: { code: risk.key, label: risk.label }, present: risks[risk.key].present, details: risks[risk.key].details })) : null,
    lastSeen: event
      ? {
          at: event.lastSeenAt.toISOString(),
          place: event.lastSeenPlace,
          city: event.lastSeenCity,
          circumstances: event.circumstances,
          clothing: event.clothing,
          possibleDestinations: event.possibleDestinations,
          hasRunBefore: event.hasRunBefore,
        }
      : null,
    companions: contacts ? contacts.companions.map((c) => ({ ...c })) : null,
    abductor: contacts?.abductor ? { ...contacts.abductor } : null,
    phones: contacts ? contacts.phones.map((p) => ({ ...p })) : null,
    onlineAccounts: contacts ? contacts.accounts.map((a) => ({ ...a })) : null,
    earlierEpisodes: source.earlierEpisodes.map((e) => {
      const recovery = facts.earlierRecoveries.find((earlier) => earlier.episodeId === e.id);
      return {
        discoveredAt: iso(e.discoveredAt),
        lastSeenAt: iso(e.lastSeenAt),
        circumstances: e.circumstances,
        closedAt: iso(e.closedAt),
        recovery: recovery
          ? {
              recoveredOn: calendarDateIn(recovery.recoveredAt, facts.timeZone),
              city: recovery.city,
              state: recovery.state,
              placeKind: codedOrNull(RECOVERY_PLACE_KINDS, recovery.placeKind),
              recoveredBy: codedOrNull(RECOVERED_BY, recovery.recoveredBy),
              summary: recovery.packetSummary,
            }
          : null,
      };
    }),
    photoConsent: source.photos.map((p) => ({ photoId: p.id, attestedBy: p.attestedBy, attestedAt: p.attestedAt.toISOString(), wording: p.attestationText })),
    ncmecReport: facts.ncmec
      ? { reportedAt: facts.ncmec.reportedAt.toISOString(), method: coded(NCMEC_METHODS, facts.ncmec.method), caseNumber: facts.ncmec.ncmecCaseNumber, contact: facts.ncmec.contactName }
      : null,
    amendments: facts.amendments.map((a) => ({ step: { code: a.step, label: stepTitle(a.step) }, at: a.at.toISOString(), sentAt: iso(a.sentAt) })),
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
      lawEnforcementAgency: full.lawEnforcement?.outcome.code === "REPORTED" ? full.lawEnforcement.agencyName : null,
      lawEnforcementPhone: full.lawEnforcement?.outcome.code === "REPORTED" ? full.lawEnforcement.phone : null,
      ncmecPhone: "1-800-843-5678",
    },
  };
}
