/**
 * The form edge: each step's form values (strings, as inputs give them) mapped to the domain's
 * answers (booleans, numbers, instants, codes) and back, in one place per step. The server parses a
 * form with the step's schema, then maps it here; pages map saved answers back here to fill a form.
 */
import { wallTimeToInstant, instantToWallTime } from "@/domain/zoned-time";
import { RISKS } from "@/domain/code-sets";
import type { Risks, StepAnswers } from "@/domain/episode-facts";
import type { FormStepKey } from "@/domain/steps";
import { UNKNOWN_SKIN_TONE, type StepFormValues, type StepValues } from "./schemas/episode-steps";

/** A form field that could not be read as what it stands for, with the message to show beside it. */
export type FieldProblems = Record<string, string>;
export type Decoded<T> = { ok: true; answers: T } | { ok: false; problems: FieldProblems };

type YesNoUnknown = "yes" | "no" | "unknown";
export const fromYesNoUnknown = (answer: YesNoUnknown): boolean | null => (answer === "unknown" ? null : answer === "yes");
export const toYesNoUnknown = (answer: boolean | null): YesNoUnknown => (answer === null ? "unknown" : answer ? "yes" : "no");
const toYesNo = (answer: boolean) => (answer ? "yes" : "no");
/** Optional text: empty means not given. */
const orNull = (text: string) => (text === "" ? null : text);

/** A local date and time in the agency's zone, as an instant; a time skipped by DST is refused in words. */
export function instantFromWallTime(wall: string, timeZone: string): { ok: true; instant: Date } | { ok: false; message: string } {
  const result = wallTimeToInstant(wall, timeZone);
  if (result.ok) return { ok: true, instant: result.instant };
  const zone = timeZone.split("/").pop()?.replaceAll("_", " ") ?? timeZone;
  return {
    ok: false,
    message:
      result.reason === "nonexistent"
        ? `That time did not happen in ${zone}: the clocks moved forward an hour. Enter a time before or after the change.`
        : "Enter a real date and time",
  };
}

function instants<F extends string>(fields: Record<F, string>, timeZone: string): Decoded<Record<F, Date>> {
  const problems: FieldProblems = {};
  const out: Partial<Record<F, Date>> = {};
  for (const [field, wall] of Object.entries(fields) as [F, string][]) {
    const result = instantFromWallTime(wall, timeZone);
    if (result.ok) out[field] = result.instant;
    else problems[field] = result.message;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, answers: out as Record<F, Date> };
}

type Codec<K extends FormStepKey> = {
  toAnswers(form: StepValues[K], timeZone: string): Decoded<StepAnswers[K]>;
  toForm(answers: StepAnswers[K], timeZone: string): StepFormValues[K];
};

const ok = <T,>(answers: T): Decoded<T> => ({ ok: true, answers });

export const STEP_CODECS: { [K in FormStepKey]: Codec<K> } = {
  child: {
    toAnswers: (v) =>
      ok({
        firstName: v.firstName,
        middleName: orNull(v.middleName),
        lastName: v.lastName,
        aliases: v.aliases.split("\n").map((alias) => alias.trim()).filter(Boolean),
        dateOfBirth: v.dateOfBirth,
        sex: v.sex,
        races: v.races,
        ethnicity: v.ethnicity,
        agencyCaseNumber: v.agencyCaseNumber,
        legalStatus: v.legalStatus,
        custodyDetails: v.custodyDetails,
        underAgencyGuardianship: v.underAgencyGuardianship === "yes",
      }),
    toForm: (c) => ({
      firstName: c.firstName,
      middleName: c.middleName ?? "",
      lastName: c.lastName,
      aliases: c.aliases.join("\n"),
      dateOfBirth: c.dateOfBirth,
      sex: c.sex ?? "",
      races: [...c.races],
      ethnicity: c.ethnicity ?? "",
      agencyCaseNumber: c.agencyCaseNumber,
      legalStatus: c.legalStatus ?? "",
      custodyDetails: c.custodyDetails,
      underAgencyGuardianship: toYesNo(c.underAgencyGuardianship),
    }),
  },

  "missing-event": {
    toAnswers: ({ discoveredAt, lastSeenAt, hasRunBefore, ...details }, timeZone) => {
      const times = instants({ discoveredAt, lastSeenAt }, timeZone);
      return times.ok ? ok({ ...details, ...times.answers, hasRunBefore: fromYesNoUnknown(hasRunBefore) }) : times;
    },
    toForm: (e, timeZone) => ({
      discoveredAt: instantToWallTime(e.discoveredAt, timeZone),
      lastSeenAt: instantToWallTime(e.lastSeenAt, timeZone),
      lastSeenPlace: e.lastSeenPlace,
      lastSeenCity: e.lastSeenCity,
      circumstances: e.circumstances,
      clothing: e.clothing,
      possibleDestinations: e.possibleDestinations,
      hasRunBefore: toYesNoUnknown(e.hasRunBefore),
    }),
  },

  description: {
    toAnswers: (v) =>
      ok({
        heightInches: v.heightFeet === "" ? null : Number(v.heightFeet) * 12 + Number(v.heightInches || "0"),
        weightPounds: v.weightPounds === "" ? null : Number(v.weightPounds),
        hairColor: v.hairColor,
        eyeColor: v.eyeColor,
        skinTone: v.skinTone === UNKNOWN_SKIN_TONE ? null : v.skinTone,
        eyewear: v.eyewear === "unknown" ? null : v.eyewear,
        braces: fromYesNoUnknown(v.braces),
        marks: v.marks.map((mark) => ({ ...mark })),
        otherFeatures: v.otherFeatures,
      }),
    toForm: (d) => ({
      heightFeet: d.heightInches === null ? "" : String(Math.floor(d.heightInches / 12)),
      heightInches: d.heightInches === null ? "" : String(d.heightInches % 12),
      weightPounds: d.weightPounds === null ? "" : String(d.weightPounds),
      hairColor: d.hairColor,
      eyeColor: d.eyeColor,
      skinTone: d.skinTone ?? UNKNOWN_SKIN_TONE,
      eyewear: d.eyewear ?? "unknown",
      braces: toYesNoUnknown(d.braces),
      marks: d.marks.map((mark) => ({ ...mark })),
      otherFeatures: d.otherFeatures,
    }),
  },

  risks: {
    toAnswers: (v) => ok(mapRisks((key) => ({ present: fromYesNoUnknown(v[key].present), details: v[key].details }))),
    toForm: (r) => mapRisks((key) => ({ present: toYesNoUnknown(r[key].present), details: r[key].details })),
  },

  contacts: {
    toAnswers: ({ abductorKnown, abductor, phones, accounts, companions }) =>
      ok({
        phones: phones.map((p) => ({ ...p })),
        accounts: accounts.map((a) => ({ ...a })),
        companions: companions.map((c) => ({ ...c })),
        abductor: abductorKnown === "yes" ? { ...abductor } : null,
      }),
    toForm: (c) => ({
      phones: c.phones.map((p) => ({ ...p })),
      accounts: c.accounts.map((a) => ({ ...a })),
      companions: c.companions.map((x) => ({ ...x })),
      abductorKnown: c.abductor ? "yes" : "no",
      abductor: c.abductor ? { ...c.abductor } : { name: "", description: "", phone: "", driversLicense: "", vehicle: "" },
    }),
  },

  "law-enforcement": {
    toAnswers: (v, timeZone) => {
      const reported = v.outcome === "REPORTED";
      const ncicEntered = reported ? fromYesNoUnknown(v.ncicEntered) : null;
      // The time of the NCIC entry belongs only to an entry, and may not be known yet.
      const time = instants({ reportedAt: v.reportedAt, ncicEnteredAt: ncicEntered === true && v.ncicEnteredAt !== "" ? v.ncicEnteredAt : v.reportedAt }, timeZone);
      if (!time.ok) return time;
      return ok({
        outcome: v.outcome,
        agencyName: v.agencyName,
        phone: v.phone,
        // What belongs to the other outcome is dropped, so a report cannot say both.
        officerName: reported ? orNull(v.officerName) : null,
        badgeNumber: reported ? orNull(v.badgeNumber) : null,
        caseNumber: reported ? orNull(v.caseNumber) : null,
        reportedAt: time.answers.reportedAt,
        ncicEntered,
        ncicNumber: ncicEntered ? orNull(v.ncicNumber) : null,
        ncicEnteredAt: ncicEntered === true && v.ncicEnteredAt !== "" ? time.answers.ncicEnteredAt : null,
        refusedBy: reported ? null : orNull(v.refusedBy),
        refusalStatement: reported ? null : orNull(v.refusalStatement),
        lateReason: orNull(v.lateReason),
      });
    },
    toForm: (le, timeZone) => ({
      outcome: le.outcome,
      agencyName: le.agencyName,
      phone: le.phone,
      officerName: le.officerName ?? "",
      badgeNumber: le.badgeNumber ?? "",
      caseNumber: le.caseNumber ?? "",
      reportedAt: instantToWallTime(le.reportedAt, timeZone),
      ncicEntered: toYesNoUnknown(le.ncicEntered),
      ncicNumber: le.ncicNumber ?? "",
      ncicEnteredAt: le.ncicEnteredAt ? instantToWallTime(le.ncicEnteredAt, timeZone) : "",
      refusedBy: le.refusedBy ?? "",
      refusalStatement: le.refusalStatement ?? "",
      lateReason: le.lateReason ?? "",
    }),
  },

  guardian: {
    toAnswers: (v) => ok({ ...v, guardianSameAsReporter: v.guardianSameAsReporter === "yes" }),
    toForm: (g) => ({ ...g, guardianSameAsReporter: toYesNo(g.guardianSameAsReporter) }),
  },

  ncmec: {
    toAnswers: (v, timeZone) => {
      const time = instants({ reportedAt: v.reportedAt }, timeZone);
      if (!time.ok) return time;
      return ok({ reportedAt: time.answers.reportedAt, method: v.method, ncmecCaseNumber: orNull(v.ncmecCaseNumber), contactName: orNull(v.contactName), lateReason: orNull(v.lateReason) });
    },
    toForm: (n, timeZone) => ({
      reportedAt: instantToWallTime(n.reportedAt, timeZone),
      method: n.method,
      ncmecCaseNumber: n.ncmecCaseNumber ?? "",
      contactName: n.contactName ?? "",
      lateReason: n.lateReason ?? "",
    }),
  },
};

function mapRisks<T>(each: (key: keyof Risks) => T): Record<keyof Risks, T> {
  return Object.fromEntries(RISKS.map((risk) => [risk.key, each(risk.key)])) as Record<keyof Risks, T>;
}

/** A step's form values for its saved answers. */
export function formValuesOf<K extends FormStepKey>(step: K, answers: StepAnswers[K], timeZone: string): StepFormValues[K] {
  return STEP_CODECS[step].toForm(answers, timeZone);
}

/** A step's parsed form values as the domain's answers, or the fields that cannot be read. */
export function answersOf<K extends FormStepKey>(step: K, form: StepValues[K], timeZone: string): Decoded<StepAnswers[K]> {
  return STEP_CODECS[step].toAnswers(form, timeZone);
}
