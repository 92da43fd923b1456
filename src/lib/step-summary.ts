import { EYE_COLORS, HAIR_COLORS, RACES, SEXES, SKIN_TONES, labelOf } from "@/domain/ncic-codes";
import { wallTimeToInstant } from "@/domain/zoned-time";
import { ANSWER_LABELS, eyewearLabel, fullName } from "@/domain/labels";
import { formatInstant } from "@/lib/format-time";
import {
  ETHNICITIES,
  LEGAL_STATUSES,
  MARK_KINDS,
  NCMEC_METHODS,
  RISKS,
  UNKNOWN_SKIN_TONE,
  type FormStepKey,
  type StepValues,
} from "@/lib/schemas/episode-steps";

type Saved = { [K in FormStepKey]: StepValues[K] | null };
type Rows = [string, string][];

const ANSWER = ANSWER_LABELS;
const pick = (set: readonly { code: string; label: string }[], code: string) => set.find((s) => s.code === code)?.label ?? code;

function when(wall: string, timeZone: string): string {
  const result = wallTimeToInstant(wall, timeZone);
  return result.ok ? formatInstant(result.instant, timeZone) : wall;
}

/** A saved step as labelled rows, for "Check your answers" and the case page; null when not saved. */
export function stepSummary(step: FormStepKey, saved: Saved, timeZone: string): Rows | null {
  switch (step) {
    case "child": {
      const v = saved.child;
      if (!v) return null;
      return [
        ["Name", fullName(v)],
        ["Aliases and nicknames", v.aliases.split("\n").filter(Boolean).join(", ")],
        ["Date of birth", v.dateOfBirth],
        ["Sex", labelOf(SEXES, v.sex)],
        ["Race", v.races.map((r) => labelOf(RACES, r)).join(", ")],
        ["Ethnicity", pick(ETHNICITIES, v.ethnicity)],
        ["Agency case number", v.agencyCaseNumber],
        ["Legal status", pick(LEGAL_STATUSES, v.legalStatus)],
        ["Custody details", v.custodyDetails],
        ["Agency is legal guardian", ANSWER[v.underAgencyGuardianship] ?? v.underAgencyGuardianship],
      ];
    }
    case "missing-event": {
      const v = saved["missing-event"];
      if (!v) return null;
      return [
        ["Agency learned the child was missing", when(v.discoveredAt, timeZone)],
        ["Last seen", when(v.lastSeenAt, timeZone)],
        ["Last seen at", v.lastSeenPlace],
        ["City or town", v.lastSeenCity],
        ["Circumstances", v.circumstances],
        ["Clothing", v.clothing],
        ["May be going to", v.possibleDestinations],
        ["Has run before", ANSWER[v.hasRunBefore] ?? v.hasRunBefore],
      ];
    }
    case "description": {
      const v = saved.description;
      if (!v) return null;
      return [
        ["Height", v.heightFeet ? `${v.heightFeet} ft ${v.heightInches || 0} in` : ""],
        ["Weight", v.weightPounds ? `${v.weightPounds} lb` : ""],
        ["Hair", `${labelOf(HAIR_COLORS, v.hairColor)} (${v.hairColor})`],
        ["Eyes", `${labelOf(EYE_COLORS, v.eyeColor)} (${v.eyeColor})`],
        ["Complexion", v.skinTone === UNKNOWN_SKIN_TONE ? "Not known" : `${labelOf(SKIN_TONES, v.skinTone)} (${v.skinTone})`],
        ["Glasses or contacts", eyewearLabel(v.eyewear) ?? ""],
        ["Braces", ANSWER[v.braces] ?? v.braces],
        ["Scars, marks, tattoos, piercings", v.marks.map((m) => `${pick(MARK_KINDS, m.kind)}, ${m.location}: ${m.description}`).join("\n")],
        ["Other features", v.otherFeatures],
      ];
    }
    case "risks": {
      const v = saved.risks;
      if (!v) return null;
      return RISKS.map((risk) => [risk.label, [ANSWER[v[risk.key].present], v[risk.key].details].filter(Boolean).join(": ")]);
    }
    case "contacts": {
      const v = saved.contacts;
      if (!v) return null;
      return [
        ["Phone numbers", v.phones.map((p) => [p.number, p.note].filter(Boolean).join(" — ")).join("\n") || "None"],
        ["Online accounts", v.accounts.map((a) => `${a.platform}: ${a.handle}`).join("\n") || "None"],
        ["Companions", v.companions.map((c) => [c.name, c.description].filter(Boolean).join(": ")).join("\n") || "None"],
        [
          "Suspected abductor",
          v.abductorKnown === "yes"
            ? [v.abductor.name, v.abductor.description, v.abductor.phone && `Phone ${v.abductor.phone}`, v.abductor.driversLicense && `License ${v.abductor.driversLicense}`, v.abductor.vehicle && `Vehicle: ${v.abductor.vehicle}`]
                .filter(Boolean)
                .join("\n")
            : "None known",
        ],
      ];
    }
    case "law-enforcement": {
      const v = saved["law-enforcement"];
      if (!v) return null;
      const common: Rows = [
        ["Outcome", v.outcome === "REPORTED" ? "Report taken" : "Refused or failed to take the report"],
        ["Agency", v.agencyName],
        ["Phone", v.phone],
        [v.outcome === "REPORTED" ? "Reported at" : "Refused at", when(v.reportedAt, timeZone)],
      ];
      const specific: Rows =
        v.outcome === "REPORTED"
          ? [
              ["Officer", [v.officerName, v.badgeNumber && `badge ${v.badgeNumber}`].filter(Boolean).join(", ")],
              ["Case number", v.caseNumber],
              ["Entered into NCIC", v.ncicEntered === "yes" ? `Yes, ${v.ncicNumber}` : (ANSWER[v.ncicEntered] ?? "")],
            ]
          : [
              ["Refused by", v.refusedBy],
              ["What was said", v.refusalStatement],
            ];
      return [...common, ...specific, ...(v.lateReason ? ([["Reason for reporting late", v.lateReason]] as Rows) : [])];
    }
    case "guardian": {
      const v = saved.guardian;
      if (!v) return null;
      return [
        ["Reporting party", [v.reporterName, v.reporterAgency].join(", ")],
        ["Reporting party's phone", v.reporterPhone],
        ["Reporting party's email", v.reporterEmail],
        ["Legal guardian", v.guardianSameAsReporter === "yes" ? "Same as the reporting party" : [v.guardianName, v.guardianAgency].filter(Boolean).join(", ")],
        ...(v.guardianSameAsReporter === "no"
          ? ([
              ["Guardian's phones", v.guardianPhones],
              ["Guardian's email", v.guardianEmail],
            ] as Rows)
          : []),
      ];
    }
    case "ncmec": {
      const v = saved.ncmec;
      if (!v) return null;
      return [
        ["Reported at", when(v.reportedAt, timeZone)],
        ["How", pick(NCMEC_METHODS, v.method)],
        ["NCMEC case number", v.ncmecCaseNumber],
        ["NCMEC contact", v.contactName],
        ...(v.lateReason ? ([["Reason for reporting late", v.lateReason]] as Rows) : []),
      ];
    }
  }
}
