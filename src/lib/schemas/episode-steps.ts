import { z } from "zod";
import { EYE_COLORS, HAIR_COLORS, NCIC_UNKNOWN, RACES, SEXES, SKIN_TONES, codesOf } from "@/domain/ncic-codes";
import {
  calendarDate,
  longText,
  optionalPhoneNumber,
  optionalText,
  optionalWholeNumber,
  phoneNumber,
  requireWhen,
  requiredText,
  wallTime,
  yesNoUnknown,
} from "./fields";

/**
 * One zod schema per wizard step, shared by the step's form (in the browser) and the server, which
 * parses again. Schemas are strict: a field the form does not have is refused.
 */

export const STEPS = [
  { key: "child", title: "Child" },
  { key: "missing-event", title: "Missing event" },
  { key: "description", title: "Description" },
  { key: "risks", title: "Risks" },
  { key: "contacts", title: "Contacts" },
  { key: "law-enforcement", title: "Law enforcement" },
  { key: "guardian", title: "Guardian and reporting party" },
  { key: "ncmec", title: "NCMEC" },
  { key: "review", title: "Check your answers" },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export type FormStepKey = Exclude<StepKey, "review">;
export const STEP_KEYS = STEPS.map((s) => s.key) as StepKey[];
export const FORM_STEP_KEYS = STEP_KEYS.filter((k): k is FormStepKey => k !== "review");

export function isStepKey(value: string): value is StepKey {
  return (STEP_KEYS as string[]).includes(value);
}

export function stepNumber(key: StepKey): number {
  return STEP_KEYS.indexOf(key) + 1;
}

export const LEGAL_STATUSES = [
  { code: "temporary-custody", label: "Temporary or emergency custody of the agency" },
  { code: "permanent-custody", label: "Permanent custody or guardianship of the agency" },
  { code: "voluntary-placement", label: "Voluntary placement agreement" },
  { code: "extended-foster-care", label: "Extended foster care (18 to 20)" },
  { code: "other", label: "Other" },
] as const;

export const ETHNICITIES = [
  { code: "hispanic", label: "Hispanic or Latino" },
  { code: "not-hispanic", label: "Not Hispanic or Latino" },
  { code: "unknown", label: "Unknown" },
] as const;

const codes = <T extends readonly { code: string }[]>(set: T) => set.map((s) => s.code) as [T[number]["code"], ...T[number]["code"][]];

// 1. Child
export const ZChildStepSchema = z
  .object({
    firstName: requiredText("Enter the child's first name", 100),
    middleName: optionalText(100),
    lastName: requiredText("Enter the child's last name", 100),
    aliases: optionalText(1000),
    dateOfBirth: calendarDate("Enter the child's date of birth"),
    sex: z.enum(codesOf(SEXES), "Choose the child's sex"),
    races: z.array(z.enum(codesOf(RACES)), "Choose at least one race, or Unknown").min(1, "Choose at least one race, or Unknown"),
    ethnicity: z.enum(codes(ETHNICITIES), "Choose the child's ethnicity, or Unknown"),
    agencyCaseNumber: requiredText("Enter the agency's case number for this child", 60),
    legalStatus: z.enum(codes(LEGAL_STATUSES), "Choose the child's legal status"),
    custodyDetails: optionalText(1000),
    underAgencyGuardianship: z.enum(["yes", "no"], "Say whether the agency is the child's legal guardian"),
  })
  .strict()
  .superRefine((value, ctx) => {
    requireWhen(ctx, value.legalStatus === "other" && value.custodyDetails === "", ["custodyDetails"], "Describe the child's legal status and custody");
  });
export type TChildStep = z.infer<typeof ZChildStepSchema>;

// 2. Missing event
export const ZMissingEventStepSchema = z
  .object({
    discoveredAt: wallTime("Enter the date and time the agency learned the child was missing"),
    lastSeenAt: wallTime("Enter the date and time the child was last seen"),
    lastSeenPlace: requiredText("Enter where the child was last seen", 300),
    /** Only the town, for posters: the place itself may name a placement. */
    lastSeenCity: requiredText("Enter the city or town and state where the child was last seen", 120),
    circumstances: longText("Describe the circumstances: how and when the child went missing"),
    clothing: longText("Describe what the child was wearing when last seen", 1000),
    possibleDestinations: longText(null, 2000),
    hasRunBefore: yesNoUnknown("Say whether the child has run away or gone missing before"),
  })
  .strict();
export type TMissingEventStep = z.infer<typeof ZMissingEventStepSchema>;

// 3. Description
/** NCIC's complexion list has no "unknown"; the form offers one and the packet leaves the code out. */
export const UNKNOWN_SKIN_TONE = NCIC_UNKNOWN;

export const MARK_KINDS = [
  { code: "scar", label: "Scar" },
  { code: "mark", label: "Mark or birthmark" },
  { code: "tattoo", label: "Tattoo" },
  { code: "piercing", label: "Piercing" },
  { code: "other", label: "Other" },
] as const;

export const ZMarkSchema = z
  .object({
    kind: z.enum(codes(MARK_KINDS), "Choose what kind of mark this is"),
    location: requiredText("Enter where on the body it is", 100),
    description: requiredText("Describe it", 500),
  })
  .strict();

export const ZDescriptionStepSchema = z
  .object({
    heightFeet: optionalWholeNumber("feet", 1, 7),
    heightInches: optionalWholeNumber("inches", 0, 11),
    weightPounds: optionalWholeNumber("the weight in pounds", 5, 600),
    hairColor: z.enum(codesOf(HAIR_COLORS), "Choose the hair color, or Unknown"),
    eyeColor: z.enum(codesOf(EYE_COLORS), "Choose the eye color, or Unknown"),
    skinTone: z.union([z.enum(codesOf(SKIN_TONES)), z.literal(UNKNOWN_SKIN_TONE)], "Choose the complexion, or Unknown"),
    eyewear: z.enum(["none", "glasses", "contacts", "both", "unknown"], "Say whether the child wears glasses or contact lenses"),
    braces: yesNoUnknown("Say whether the child wears braces"),
    marks: z.array(ZMarkSchema).max(30, "Record at most 30 marks here; put the rest under other features"),
    otherFeatures: optionalText(2000),
  })
  .strict()
  .superRefine((value, ctx) => {
    requireWhen(ctx, value.heightInches !== "" && value.heightFeet === "", ["heightFeet"], "Enter the feet as well as the inches");
  });
export type TDescriptionStep = z.infer<typeof ZDescriptionStepSchema>;

// 4. Risks
export const RISKS = [
  { key: "medical", label: "Medical conditions", hint: "Conditions, allergies, and medication the child needs" },
  { key: "mentalHealth", label: "Mental-health conditions", hint: "Diagnoses and medication" },
  { key: "gang", label: "Gang involvement", hint: "Known or suspected gang activity" },
  { key: "suicide", label: "Past suicide attempts", hint: "When, and anything that makes it more likely now" },
  { key: "onlineEnticement", label: "Online enticement", hint: "Contact with someone online who may have lured the child" },
  { key: "sexualExploitation", label: "Commercial sexual exploitation", hint: "Known or suspected trafficking or exploitation" },
  { key: "otherEndangerment", label: "Other endangerment", hint: "Drugs, a dangerous person, weather, pregnancy, anything else" },
] as const;
export type RiskKey = (typeof RISKS)[number]["key"];

export const ZRiskSchema = z
  .object({
    present: yesNoUnknown("Answer yes, no or unknown"),
    details: optionalText(2000),
  })
  .strict();

export const ZRisksStepSchema = z
  .object(Object.fromEntries(RISKS.map((r) => [r.key, ZRiskSchema])) as Record<RiskKey, typeof ZRiskSchema>)
  .strict()
  .superRefine((value, ctx) => {
    for (const risk of RISKS) {
      const answer = value[risk.key];
      requireWhen(ctx, answer.present === "yes" && answer.details === "", [risk.key, "details"], `Give details of the ${risk.label.toLowerCase()}`);
    }
  });
export type TRisksStep = z.infer<typeof ZRisksStepSchema>;

// 5. Contacts
export const ZContactsStepSchema = z
  .object({
    phones: z
      .array(z.object({ number: phoneNumber("Enter the phone number"), note: optionalText(100) }).strict())
      .max(10),
    accounts: z
      .array(
        z
          .object({ platform: requiredText("Enter the app or site, like Instagram", 60), handle: requiredText("Enter the user name or handle", 200) })
          .strict(),
      )
      .max(20),
    companions: z
      .array(z.object({ name: optionalText(200), description: requiredText("Describe the companion: who they are, what they look like", 1000) }).strict())
      .max(20),
    abductorKnown: z.enum(["yes", "no"], "Say whether a suspected abductor is known"),
    abductor: z
      .object({
        name: optionalText(200),
        description: optionalText(2000),
        phone: optionalPhoneNumber(),
        driversLicense: optionalText(60),
        vehicle: optionalText(500),
      })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    requireWhen(
      ctx,
      value.abductorKnown === "yes" && value.abductor.description === "" && value.abductor.name === "",
      ["abductor", "description"],
      "Give the suspected abductor's name or a description",
    );
  });
export type TContactsStep = z.infer<typeof ZContactsStepSchema>;

// 6. Law enforcement
export const ZLawEnforcementStepSchema = z
  .object({
    outcome: z.enum(["REPORTED", "REFUSED"], "Say whether law enforcement took the report"),
    agencyName: requiredText("Enter the law-enforcement agency", 200),
    phone: phoneNumber("Enter the law-enforcement agency's phone number"),
    officerName: optionalText(200),
    badgeNumber: optionalText(40),
    caseNumber: optionalText(60),
    reportedAt: wallTime("Enter the date and time law enforcement was told"),
    ncicEntered: z.enum(["yes", "no", "unknown"], "Say whether the child was entered into NCIC"),
    ncicNumber: optionalText(40),
    refusedBy: optionalText(200),
    refusalStatement: optionalText(2000),
    lateReason: optionalText(2000),
  })
  .strict()
  .superRefine((value, ctx) => {
    const reported = value.outcome === "REPORTED";
    requireWhen(ctx, reported && value.officerName === "", ["officerName"], "Enter the officer who took the report");
    requireWhen(ctx, reported && value.caseNumber === "", ["caseNumber"], "Enter the law-enforcement case number");
    requireWhen(ctx, reported && value.ncicEntered === "yes" && value.ncicNumber === "", ["ncicNumber"], "Enter the NCIC number");
    requireWhen(ctx, !reported && value.refusedBy === "", ["refusedBy"], "Enter who refused or failed to take the report");
    requireWhen(ctx, !reported && value.refusalStatement === "", ["refusalStatement"], "Write down what law enforcement said");
  });
export type TLawEnforcementStep = z.infer<typeof ZLawEnforcementStepSchema>;

// 7. Guardian and reporting party
export const ZGuardianStepSchema = z
  .object({
    reporterName: requiredText("Enter the reporting person's full name", 200),
    reporterAgency: requiredText("Enter the reporting person's agency", 200),
    reporterPhone: phoneNumber("Enter the reporting person's phone number"),
    reporterEmail: z.string().trim().max(254).pipe(z.email("Enter an email address like name@agency.gov")),
    guardianSameAsReporter: z.enum(["yes", "no"], "Say whether the reporting person is the legal guardian"),
    guardianName: optionalText(200),
    guardianAgency: optionalText(200),
    guardianPhones: optionalText(300),
    guardianEmail: z.string().trim().max(254),
  })
  .strict()
  .superRefine((value, ctx) => {
    const separate = value.guardianSameAsReporter === "no";
    requireWhen(ctx, separate && value.guardianName === "", ["guardianName"], "Enter the legal guardian's full name");
    requireWhen(ctx, separate && value.guardianPhones === "", ["guardianPhones"], "Enter at least one phone number for the guardian");
    requireWhen(
      ctx,
      value.guardianEmail !== "" && !z.email().safeParse(value.guardianEmail).success,
      ["guardianEmail"],
      "Enter an email address like name@agency.gov",
    );
  });
export type TGuardianStep = z.infer<typeof ZGuardianStepSchema>;

// 8. NCMEC
export const NCMEC_METHODS = [
  { code: "CALL_CENTER", label: "NCMEC call center (1-800-843-5678)" },
  { code: "WEB", label: "NCMEC's web reporting form" },
  { code: "SYSTEM_TO_SYSTEM", label: "System-to-system" },
] as const;

export const ZNcmecStepSchema = z
  .object({
    reportedAt: wallTime("Enter the date and time NCMEC was told"),
    method: z.enum(codes(NCMEC_METHODS), "Choose how the report was made"),
    ncmecCaseNumber: optionalText(40),
    contactName: optionalText(200),
    lateReason: optionalText(2000),
  })
  .strict();
export type TNcmecStep = z.infer<typeof ZNcmecStepSchema>;

export const STEP_SCHEMAS = {
  child: ZChildStepSchema,
  "missing-event": ZMissingEventStepSchema,
  description: ZDescriptionStepSchema,
  risks: ZRisksStepSchema,
  contacts: ZContactsStepSchema,
  "law-enforcement": ZLawEnforcementStepSchema,
  guardian: ZGuardianStepSchema,
  ncmec: ZNcmecStepSchema,
} as const satisfies Record<FormStepKey, z.ZodType>;

export type StepValues = {
  child: TChildStep;
  "missing-event": TMissingEventStep;
  description: TDescriptionStep;
  risks: TRisksStep;
  contacts: TContactsStep;
  "law-enforcement": TLawEnforcementStep;
  guardian: TGuardianStep;
  ncmec: TNcmecStep;
};

/** Empty values for a fresh form (every field present, as the strict schemas expect). */
export const EMPTY_STEP_VALUES: { [K in FormStepKey]: Record<string, unknown> } = {
  child: {
    firstName: "", middleName: "", lastName: "", aliases: "", dateOfBirth: "", sex: "", races: [], ethnicity: "",
    agencyCaseNumber: "", legalStatus: "", custodyDetails: "", underAgencyGuardianship: "",
  },
  "missing-event": {
    discoveredAt: "", lastSeenAt: "", lastSeenPlace: "", lastSeenCity: "", circumstances: "", clothing: "", possibleDestinations: "", hasRunBefore: "",
  },
  description: {
    heightFeet: "", heightInches: "", weightPounds: "", hairColor: "", eyeColor: "", skinTone: "", eyewear: "", braces: "",
    marks: [], otherFeatures: "",
  },
  risks: Object.fromEntries(RISKS.map((r) => [r.key, { present: "", details: "" }])),
  contacts: {
    phones: [], accounts: [], companions: [], abductorKnown: "",
    abductor: { name: "", description: "", phone: "", driversLicense: "", vehicle: "" },
  },
  "law-enforcement": {
    outcome: "", agencyName: "", phone: "", officerName: "", badgeNumber: "", caseNumber: "", reportedAt: "", ncicEntered: "",
    ncicNumber: "", refusedBy: "", refusalStatement: "", lateReason: "",
  },
  guardian: {
    reporterName: "", reporterAgency: "", reporterPhone: "", reporterEmail: "", guardianSameAsReporter: "", guardianName: "",
    guardianAgency: "", guardianPhones: "", guardianEmail: "",
  },
  ncmec: { reportedAt: "", method: "", ncmecCaseNumber: "", contactName: "", lateReason: "" },
};
