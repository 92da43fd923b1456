// zod/mini, as fields.ts: these run in the browser on every wizard step, loaded after the page (use-step-form.ts).
import * as z from "zod/mini";
import { EYE_COLORS, HAIR_COLORS, RACES, SEXES, SKIN_TONES, UNKNOWN_SKIN_TONE, codesOf } from "@/domain/ncic-codes";

export { UNKNOWN_SKIN_TONE };
import { ETHNICITIES, EYEWEAR, LAW_ENFORCEMENT_OUTCOMES, LEGAL_STATUSES, MARK_KINDS, NCMEC_METHODS, RISKS, type RiskKey } from "@/domain/code-sets";
import type { FormStepKey } from "@/domain/steps";
import {
  calendarDate,
  emailAddress,
  longText,
  optionalEmailAddress,
  optionalPhoneNumber,
  optionalText,
  optionalWallTime,
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

// 1. Child
export const ZChildStepSchema = z.strictObject({
  firstName: requiredText("Enter the child's first name", 100),
  middleName: optionalText(100),
  lastName: requiredText("Enter the child's last name", 100),
  aliases: longText(null, 1000),
  dateOfBirth: calendarDate("Enter the child's date of birth"),
  sex: z.enum(codesOf(SEXES), "Choose the child's sex"),
  races: z.array(z.enum(codesOf(RACES)), "Choose at least one race, or Unknown").check(z.minLength(1, "Choose at least one race, or Unknown")),
  ethnicity: z.enum(codesOf(ETHNICITIES), "Choose the child's ethnicity, or Unknown"),
  agencyCaseNumber: requiredText("Enter the agency's case number for this child", 60),
  legalStatus: z.enum(codesOf(LEGAL_STATUSES), "Choose the child's legal status"),
  custodyDetails: longText(null, 1000),
  underAgencyGuardianship: z.enum(["yes", "no"], "Say whether the agency is the child's legal guardian"),
}).check(
  z.superRefine((value, ctx) => {
    requireWhen(ctx, value.legalStatus === "other" && value.custodyDetails === "", ["custodyDetails"], "Describe the child's legal status and custody");
  }),
);
export type TChildStep = z.infer<typeof ZChildStepSchema>;

// 2. Missing event
export const ZMissingEventStepSchema = z.strictObject({
  discoveredAt: wallTime("Enter the date and time the agency learned the child was missing"),
  lastSeenAt: wallTime("Enter the date and time the child was last seen"),
  lastSeenPlace: requiredText("Enter where the child was last seen", 300),
  /** Only the town, for posters: the place itself may name a placement. */
  lastSeenCity: requiredText("Enter the city or town and state where the child was last seen", 120),
  circumstances: longText("Describe the circumstances: how and when the child went missing"),
  clothing: longText("Describe what the child was wearing when last seen", 1000),
  possibleDestinations: longText(null, 2000),
  hasRunBefore: yesNoUnknown("Say whether the child has run away or gone missing before"),
});
export type TMissingEventStep = z.infer<typeof ZMissingEventStepSchema>;

// 3. Description

export const ZMarkSchema = z.strictObject({
  kind: z.enum(codesOf(MARK_KINDS), "Choose what kind of mark this is"),
  location: requiredText("Enter where on the body it is", 100),
  description: requiredText("Describe it", 500),
});

export const ZDescriptionStepSchema = z.strictObject({
  heightFeet: optionalWholeNumber("feet", 1, 7),
  heightInches: optionalWholeNumber("inches", 0, 11),
  weightPounds: optionalWholeNumber("the weight in pounds", 5, 600),
  hairColor: z.enum(codesOf(HAIR_COLORS), "Choose the hair color, or Unknown"),
  eyeColor: z.enum(codesOf(EYE_COLORS), "Choose the eye color, or Unknown"),
  skinTone: z.union([z.enum(codesOf(SKIN_TONES)), z.literal(UNKNOWN_SKIN_TONE)], "Choose the complexion, or Unknown"),
  eyewear: z.enum([...codesOf(EYEWEAR), "unknown"], "Say whether the child wears glasses or contact lenses"),
  braces: yesNoUnknown("Say whether the child wears braces"),
  marks: z.array(ZMarkSchema).check(z.maxLength(30, "Record at most 30 marks here; put the rest under other features")),
  otherFeatures: longText(null, 2000),
}).check(
  z.superRefine((value, ctx) => {
    requireWhen(ctx, value.heightInches !== "" && value.heightFeet === "", ["heightFeet"], "Enter the feet as well as the inches");
  }),
);
export type TDescriptionStep = z.infer<typeof ZDescriptionStepSchema>;

// 4. Risks
export const ZRiskSchema = z.strictObject({
  present: yesNoUnknown("Answer yes, no or unknown"),
  details: longText(null, 2000),
});

export const ZRisksStepSchema = z.strictObject(Object.fromEntries(RISKS.map((r) => [r.key, ZRiskSchema])) as Record<RiskKey, typeof ZRiskSchema>).check(
  z.superRefine((value, ctx) => {
    for (const risk of RISKS) {
      const answer = value[risk.key];
      requireWhen(ctx, answer.present === "yes" && answer.details === "", [risk.key, "details"], `Give details of the ${risk.label.toLowerCase()}`);
    }
  }),
);
export type TRisksStep = z.infer<typeof ZRisksStepSchema>;

// 5. Contacts
export const ZContactsStepSchema = z.strictObject({
  phones: z.array(z.strictObject({ number: phoneNumber("Enter the phone number"), note: optionalText(100) })).check(z.maxLength(10)),
  accounts: z
    .array(z.strictObject({ platform: requiredText("Enter the app or site, like Instagram", 60), handle: requiredText("Enter the user name or handle", 200) }))
    .check(z.maxLength(20)),
  companions: z
    .array(z.strictObject({ name: optionalText(200), description: requiredText("Describe the companion: who they are, what they look like", 1000) }))
    .check(z.maxLength(20)),
  abductorKnown: z.enum(["yes", "no"], "Say whether a suspected abductor is known"),
  abductor: z.strictObject({
    name: optionalText(200),
    description: longText(null, 2000),
    phone: optionalPhoneNumber(),
    driversLicense: optionalText(60),
    vehicle: longText(null, 500),
  }),
}).check(
  z.superRefine((value, ctx) => {
    requireWhen(
      ctx,
      value.abductorKnown === "yes" && value.abductor.description === "" && value.abductor.name === "",
      ["abductor", "description"],
      "Give the suspected abductor's name or a description",
    );
  }),
);
export type TContactsStep = z.infer<typeof ZContactsStepSchema>;

// 6. Law enforcement
export const ZLawEnforcementStepSchema = z.strictObject({
  outcome: z.enum(codesOf(LAW_ENFORCEMENT_OUTCOMES), "Say whether law enforcement took the report"),
  agencyName: requiredText("Enter the law-enforcement agency", 200),
  phone: phoneNumber("Enter the law-enforcement agency's phone number"),
  officerName: optionalText(200),
  badgeNumber: optionalText(40),
  caseNumber: optionalText(60),
  reportedAt: wallTime("Enter the date and time law enforcement was told"),
  ncicEntered: yesNoUnknown("Say whether the child was entered into NCIC"),
  ncicNumber: optionalText(40),
  ncicEnteredAt: optionalWallTime("Enter the date and time the child was entered into NCIC, or leave it empty"),
  refusedBy: optionalText(200),
  refusalStatement: longText(null, 2000),
  lateReason: longText(null, 2000),
}).check(
  z.superRefine((value, ctx) => {
    const reported = value.outcome === "REPORTED";
    requireWhen(ctx, reported && value.officerName === "", ["officerName"], "Enter the officer who took the report");
    requireWhen(ctx, reported && value.caseNumber === "", ["caseNumber"], "Enter the law-enforcement case number");
    requireWhen(ctx, reported && value.ncicEntered === "yes" && value.ncicNumber === "", ["ncicNumber"], "Enter the NCIC number");
    requireWhen(ctx, !reported && value.refusedBy === "", ["refusedBy"], "Enter who refused or failed to take the report");
    requireWhen(ctx, !reported && value.refusalStatement === "", ["refusalStatement"], "Write down what law enforcement said");
  }),
);
export type TLawEnforcementStep = z.infer<typeof ZLawEnforcementStepSchema>;

// 7. Guardian and reporting party
export const ZGuardianStepSchema = z.strictObject({
  reporterName: requiredText("Enter the reporting person's full name", 200),
  reporterAgency: requiredText("Enter the reporting person's agency", 200),
  reporterPhone: phoneNumber("Enter the reporting person's phone number"),
  reporterEmail: emailAddress("Enter an email address like name@agency.gov"),
  guardianSameAsReporter: z.enum(["yes", "no"], "Say whether the reporting person is the legal guardian"),
  guardianName: optionalText(200),
  guardianAgency: optionalText(200),
  guardianPhones: optionalText(300),
  guardianEmail: optionalEmailAddress("Enter an email address like name@agency.gov"),
}).check(
  z.superRefine((value, ctx) => {
    const separate = value.guardianSameAsReporter === "no";
    requireWhen(ctx, separate && value.guardianName === "", ["guardianName"], "Enter the legal guardian's full name");
    requireWhen(ctx, separate && value.guardianPhones === "", ["guardianPhones"], "Enter at least one phone number for the guardian");
  }),
);
export type TGuardianStep = z.infer<typeof ZGuardianStepSchema>;

// 8. NCMEC
export const ZNcmecStepSchema = z.strictObject({
  reportedAt: wallTime("Enter the date and time NCMEC was told"),
  method: z.enum(codesOf(NCMEC_METHODS), "Choose how the report was made"),
  ncmecCaseNumber: optionalText(40),
  contactName: optionalText(200),
  lateReason: longText(null, 2000),
});
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
} as const satisfies Record<FormStepKey, z.core.$ZodType>;

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

/** A step's form values before they are valid: every field present, any text in it. */
export type FormValues<T> = T extends string ? string : T extends readonly (infer U)[] ? FormValues<U>[] : T extends object ? { [P in keyof T]: FormValues<T[P]> } : T;
export type StepFormValues = { [K in FormStepKey]: FormValues<StepValues[K]> };

/** The empty value of one field, read off its schema: lists start empty, objects field by field, the rest as "". */
function emptyOf(schema: z.core.$ZodType): unknown {
  // The mini classes, not z.core's: naming z.core at run time bundles all of zod's core (its locales among it).
  if (schema instanceof z.ZodMiniArray) return [];
  if (schema instanceof z.ZodMiniObject) return Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, emptyOf(field)]));
  return "";
}

/**
 * Empty values for a fresh form, derived from the step's schema (so a field added there is here
 * too). The single assertion is the derivation's: emptyOf walks exactly the schema's shape.
 */
export const EMPTY_STEP_VALUES = Object.fromEntries(
  Object.entries(STEP_SCHEMAS).map(([key, schema]) => [key, emptyOf(schema)]),
) as StepFormValues;

/** The fields a step's draft may hold: the schema's own, nothing else. */
export function stepFieldNames(step: FormStepKey): string[] {
  return Object.keys(STEP_SCHEMAS[step].shape);
}

/** The step schemas by the values they produce, so code generic over a step keeps its types. */
export const STEP_FORMS: { [K in FormStepKey]: z.core.$ZodType<StepValues[K]> } = STEP_SCHEMAS;
