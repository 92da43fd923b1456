import "server-only";
import { z } from "zod";
import { EYE_COLORS, HAIR_COLORS, NCIC_UNKNOWN, RACES, SEXES, SKIN_TONES, codesOf } from "@/domain/ncic-codes";
import { ETHNICITIES, EYEWEAR, LEGAL_STATUSES, MARK_KINDS, RISKS } from "@/domain/code-sets";
import {
  ZChildProfileSchema,
  ZContactsSchema,
  ZDescriptionSchema,
  ZGuardianSchema,
  ZMarksSchema,
  ZMissingEventDetailsSchema,
  ZPrefillSchema,
  ZRisksSchema,
  ZStepVersionsSchema,
  type ChildProfile,
  type Contacts,
  type Description,
  type Guardian,
  type Mark,
  type MissingEventDetails,
  type Prefill,
  type Risks,
  type StepVersions,
} from "@/domain/episode-facts";
import { STEP_CODECS, fromYesNoUnknown } from "@/lib/step-codecs";

/**
 * The Json columns, parsed on the way in and on the way out. Each document is read as the domain's
 * shape, or, for rows saved before the typed episode, as the form's shape it was saved in (fields
 * added since then take their empty value); anything else is an error, never a silent default.
 */
export class StoredDocumentError extends Error {
  constructor(readonly document: string, paths: string[] = []) {
    // Field paths only, never values: this message reaches the log.
    super(`A stored ${document} document has an unexpected shape${paths.length ? ` at ${paths.join(", ")}` : ""}`);
    this.name = "StoredDocumentError";
  }
}

function parse<T>(document: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDocumentError(document, [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].slice(0, 5));
  return parsed.data;
}

// ── The form's shapes, as rows before the typed episode hold them ─────────────────────────────

const text = z.string().default("");
const yesNoUnknown = z.enum(["yes", "no", "unknown"]);
const yesNo = z.enum(["yes", "no"]);

const LegacyDescription = z
  .object({
    heightFeet: text,
    heightInches: text,
    weightPounds: text,
    hairColor: z.enum(codesOf(HAIR_COLORS)),
    eyeColor: z.enum(codesOf(EYE_COLORS)),
    skinTone: z.union([z.enum(codesOf(SKIN_TONES)), z.literal(NCIC_UNKNOWN)]),
    eyewear: z.enum([...codesOf(EYEWEAR), "unknown"]).default("unknown"),
    braces: yesNoUnknown.default("unknown"),
    marks: z.array(z.object({ kind: z.enum(codesOf(MARK_KINDS)), location: z.string(), description: z.string() })).default([]),
    otherFeatures: text,
  })
  .transform((form) => STEP_CODECS.description.toAnswers(form, "UTC"));

const LegacyRisk = z.object({ present: yesNoUnknown, details: text });
const LegacyRisks = z
  .object(Object.fromEntries(RISKS.map((risk) => [risk.key, LegacyRisk])) as Record<keyof Risks, typeof LegacyRisk>)
  .transform((form) => STEP_CODECS.risks.toAnswers(form, "UTC"));

const LegacyContacts = z
  .object({
    phones: z.array(z.object({ number: z.string(), note: text })).default([]),
    accounts: z.array(z.object({ platform: z.string(), handle: z.string() })).default([]),
    companions: z.array(z.object({ name: text, description: z.string() })).default([]),
    abductorKnown: yesNo.default("no"),
    abductor: z.object({ name: text, description: text, phone: text, driversLicense: text, vehicle: text }).default({ name: "", description: "", phone: "", driversLicense: "", vehicle: "" }),
  })
  .transform((form) => STEP_CODECS.contacts.toAnswers(form, "UTC"));

const LegacyGuardian = z
  .object({
    reporterName: text,
    reporterAgency: text,
    reporterPhone: text,
    reporterEmail: text,
    guardianSameAsReporter: yesNo,
    guardianName: text,
    guardianAgency: text,
    guardianPhones: text,
    guardianEmail: text,
  })
  .transform((form) => STEP_CODECS.guardian.toAnswers(form, "UTC"));

const decoded = <T,>(result: { ok: true; answers: T } | { ok: false }): T | never => {
  if (!result.ok) throw new StoredDocumentError("legacy answer");
  return result.answers;
};

const LegacyMissingEvent = z
  .object({ lastSeenPlace: text, lastSeenCity: text, circumstances: text, clothing: text, possibleDestinations: text, hasRunBefore: yesNoUnknown.default("unknown") })
  .transform(({ hasRunBefore, ...details }): MissingEventDetails => ({ ...details, hasRunBefore: fromYesNoUnknown(hasRunBefore) }));

const blankAsNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal("").transform(() => null)]);

const LegacyChildProfile = z
  .object({
    aliases: text,
    sex: blankAsNull(z.enum(codesOf(SEXES))).default(null),
    races: z.array(z.enum(codesOf(RACES))).default([]),
    ethnicity: blankAsNull(z.enum(codesOf(ETHNICITIES))).default(null),
    legalStatus: blankAsNull(z.enum(codesOf(LEGAL_STATUSES))).default(null),
    custodyDetails: text,
  })
  .transform((form): ChildProfile => ({ ...form, aliases: form.aliases.split("\n").map((alias) => alias.trim()).filter(Boolean) }));

const LegacyPrefill = z
  .object({
    "missing-event": z.object({ hasRunBefore: yesNoUnknown }).loose().optional(),
    description: LegacyDescription.optional(),
    risks: LegacyRisks.optional(),
    // The prefill kept the contacts step's shape with only phones and accounts filled in.
    contacts: z.object({ phones: z.array(z.object({ number: z.string(), note: text })), accounts: z.array(z.object({ platform: z.string(), handle: z.string() })) }).loose().optional(),
    guardian: LegacyGuardian.optional(),
  })
  .transform(
    (form): Prefill => ({
      hasRunBefore: form["missing-event"] ? fromYesNoUnknown(form["missing-event"].hasRunBefore) : null,
      description: form.description ? decoded(form.description) : null,
      risks: form.risks ? decoded(form.risks) : null,
      contacts: form.contacts ? { phones: form.contacts.phones, accounts: form.contacts.accounts } : null,
      guardian: form.guardian ? decoded(form.guardian) : null,
    }),
  );

// ── Readers ───────────────────────────────────────────────────────────────────────────────────

const either = <T,>(current: z.ZodType<T>, legacy: z.ZodType<T>) => z.union([current, legacy]);
const afterDecode = <T,>(legacy: z.ZodType<{ ok: true; answers: T } | { ok: false; problems: Record<string, string> }>) => legacy.transform((result) => decoded(result));

export const readChildProfile = (value: unknown): ChildProfile => parse("child profile", either(ZChildProfileSchema, LegacyChildProfile), value);
export const readMissingEventDetails = (value: unknown): MissingEventDetails => parse("missing event", either(ZMissingEventDetailsSchema, LegacyMissingEvent), value);
export const readDescription = (value: unknown): Description => parse("description", either(ZDescriptionSchema, afterDecode(LegacyDescription)), value);
export const readRisks = (value: unknown): Risks => parse("risks", either(ZRisksSchema, afterDecode(LegacyRisks)), value);
export const readContacts = (value: unknown): Contacts => parse("contacts", either(ZContactsSchema, afterDecode(LegacyContacts)), value);
export const readGuardian = (value: unknown): Guardian => parse("guardian", either(ZGuardianSchema, afterDecode(LegacyGuardian)), value);
export const readPrefill = (value: unknown): Prefill => parse("prefill", either(ZPrefillSchema, LegacyPrefill), value);
export const readStepVersions = (value: unknown): StepVersions => parse("step versions", ZStepVersionsSchema, value);
export const readMarks = (value: unknown): Mark[] => parse("new marks", ZMarksSchema, value);

/** A document as it is written: parsed by its schema on the way out too, so nothing else is stored. */
export function documentOf<T extends z.ZodType>(schema: T, value: z.input<T>): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDocumentError("new");
  return parsed.data;
}
