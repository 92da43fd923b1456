import { EYE_COLORS, HAIR_COLORS, RACES, SEXES, SKIN_TONES, formatHeight, labelOf } from "@/domain/ncic-codes";
import { ETHNICITIES, EYEWEAR, LAW_ENFORCEMENT_OUTCOMES, LEGAL_STATUSES, MARK_KINDS, NCMEC_METHODS, RISKS, answerLabel } from "@/domain/code-sets";
import { fullName, savedAnswers, type EpisodeFacts, type StepAnswers } from "@/domain/episode-facts";
import type { FormStepKey } from "@/domain/steps";
import { formatInstant } from "./format-time";

export type SummaryRows = [string, string][];

const NOT_KNOWN = answerLabel(null);
const withCode = (set: Parameters<typeof labelOf>[0], code: string) => `${labelOf(set, code)} (${code})`;
const lines = (items: string[]) => items.join("\n");

const SUMMARIES: { [K in FormStepKey]: (v: StepAnswers[K], timeZone: string) => SummaryRows } = {
  child: (v) => [
    ["Name", fullName(v)],
    ["Aliases and nicknames", v.aliases.join(", ")],
    ["Date of birth", v.dateOfBirth],
    ["Sex", v.sex ? labelOf(SEXES, v.sex) : ""],
    ["Race", v.races.map((r) => labelOf(RACES, r)).join(", ")],
    ["Ethnicity", v.ethnicity ? labelOf(ETHNICITIES, v.ethnicity) : ""],
    ["Agency case number", v.agencyCaseNumber],
    ["Legal status", v.legalStatus ? labelOf(LEGAL_STATUSES, v.legalStatus) : ""],
    ["Custody details", v.custodyDetails],
    ["Agency is legal guardian", answerLabel(v.underAgencyGuardianship)],
  ],
  "missing-event": (v, timeZone) => [
    ["Agency learned the child was missing", formatInstant(v.discoveredAt, timeZone)],
    ["Last seen", formatInstant(v.lastSeenAt, timeZone)],
    ["Last seen at", v.lastSeenPlace],
    ["City or town", v.lastSeenCity],
    ["Circumstances", v.circumstances],
    ["Clothing", v.clothing],
    ["May be going to", v.possibleDestinations],
    ["Has run before", answerLabel(v.hasRunBefore)],
  ],
  description: (v) => [
    ["Height", v.heightInches === null ? "" : formatHeight(v.heightInches)],
    ["Weight", v.weightPounds === null ? "" : `${v.weightPounds} lb`],
    ["Hair", withCode(HAIR_COLORS, v.hairColor)],
    ["Eyes", withCode(EYE_COLORS, v.eyeColor)],
    ["Complexion", v.skinTone ? withCode(SKIN_TONES, v.skinTone) : NOT_KNOWN],
    ["Glasses or contacts", v.eyewear ? labelOf(EYEWEAR, v.eyewear) : NOT_KNOWN],
    ["Braces", answerLabel(v.braces)],
    ["Scars, marks, tattoos, piercings", lines(v.marks.map((m) => `${labelOf(MARK_KINDS, m.kind)}, ${m.location}: ${m.description}`))],
    ["Other features", v.otherFeatures],
  ],
  risks: (v) => RISKS.map((risk) => [risk.label, [answerLabel(v[risk.key].present), v[risk.key].details].filter(Boolean).join(": ")]),
  contacts: (v) => [
    ["Phone numbers", lines(v.phones.map((p) => [p.number, p.note].filter(Boolean).join(" — "))) || "None"],
    ["Online accounts", lines(v.accounts.map((a) => `${a.platform}: ${a.handle}`)) || "None"],
    ["Companions", lines(v.companions.map((c) => [c.name, c.description].filter(Boolean).join(": "))) || "None"],
    [
      "Suspected abductor",
      v.abductor
        ? lines(
            [v.abductor.name, v.abductor.description, v.abductor.phone && `Phone ${v.abductor.phone}`, v.abductor.driversLicense && `License ${v.abductor.driversLicense}`, v.abductor.vehicle && `Vehicle: ${v.abductor.vehicle}`].filter(
              Boolean,
            ),
          )
        : "None known",
    ],
  ],
  "law-enforcement": (v, timeZone) => {
    const reported = v.outcome === "REPORTED";
    return [
      ["Outcome", labelOf(LAW_ENFORCEMENT_OUTCOMES, v.outcome)],
      ["Agency", v.agencyName],
      ["Phone", v.phone],
      [reported ? "Reported at" : "Refused at", formatInstant(v.reportedAt, timeZone)],
      ...((reported
        ? [
            ["Officer", [v.officerName, v.badgeNumber && `badge ${v.badgeNumber}`].filter(Boolean).join(", ")],
            ["Case number", v.caseNumber ?? ""],
            ["Entered into NCIC", v.ncicEntered ? `Yes, ${v.ncicNumber ?? ""}${v.ncicEnteredAt ? `, entered ${formatInstant(v.ncicEnteredAt, timeZone)}` : ""}` : answerLabel(v.ncicEntered)],
          ]
        : [
            ["Refused by", v.refusedBy ?? ""],
            ["What was said", v.refusalStatement ?? ""],
          ]) satisfies SummaryRows),
      ...(v.lateReason ? ([["Reason for reporting late", v.lateReason]] satisfies SummaryRows) : []),
    ];
  },
  guardian: (v) => [
    ["Reporting party", [v.reporterName, v.reporterAgency].join(", ")],
    ["Reporting party's phone", v.reporterPhone],
    ["Reporting party's email", v.reporterEmail],
    ["Legal guardian", v.guardianSameAsReporter ? "Same as the reporting party" : [v.guardianName, v.guardianAgency].filter(Boolean).join(", ")],
    ...(v.guardianSameAsReporter
      ? []
      : ([
          ["Guardian's phones", v.guardianPhones],
          ["Guardian's email", v.guardianEmail],
        ] satisfies SummaryRows)),
  ],
  ncmec: (v, timeZone) => [
    ["Reported at", formatInstant(v.reportedAt, timeZone)],
    ["How", labelOf(NCMEC_METHODS, v.method)],
    ["NCMEC case number", v.ncmecCaseNumber ?? ""],
    ["NCMEC contact", v.contactName ?? ""],
    ...(v.lateReason ? ([["Reason for reporting late", v.lateReason]] satisfies SummaryRows) : []),
  ],
};

/** A saved step's answers as labelled rows, in words (never codes alone), for "Check your answers"; null when not saved. */
export function stepSummary<K extends FormStepKey>(step: K, facts: EpisodeFacts): SummaryRows | null {
  const answers = savedAnswers(facts, step);
  return answers ? SUMMARIES[step](answers, facts.timeZone) : null;
}
