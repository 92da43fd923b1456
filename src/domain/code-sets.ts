/**
 * The agency's own code sets (NCIC's are in ncic-codes.ts): one label per code, read by the forms,
 * the summaries, the packet and the PDF alike.
 */
import type { CodeOf, CodeSet } from "./ncic-codes";

export const LEGAL_STATUSES = [
  { code: "temporary-custody", label: "Temporary or emergency custody of the agency" },
  { code: "permanent-custody", label: "Permanent custody or guardianship of the agency" },
  { code: "voluntary-placement", label: "Voluntary placement agreement" },
  { code: "extended-foster-care", label: "Extended foster care (18 to 20)" },
  { code: "other", label: "Other" },
] as const satisfies CodeSet;

export const ETHNICITIES = [
  { code: "hispanic", label: "Hispanic or Latino" },
  { code: "not-hispanic", label: "Not Hispanic or Latino" },
  { code: "unknown", label: "Unknown" },
] as const satisfies CodeSet;

export const MARK_KINDS = [
  { code: "scar", label: "Scar" },
  { code: "mark", label: "Mark or birthmark" },
  { code: "tattoo", label: "Tattoo" },
  { code: "piercing", label: "Piercing" },
  { code: "other", label: "Other" },
] as const satisfies CodeSet;

/** Glasses or contact lenses; "not known" is the absence of an answer, not a code. */
export const EYEWEAR = [
  { code: "none", label: "Neither" },
  { code: "glasses", label: "Glasses" },
  { code: "contacts", label: "Contact lenses" },
  { code: "both", label: "Both" },
] as const satisfies CodeSet;

export const LAW_ENFORCEMENT_OUTCOMES = [
  { code: "REPORTED", label: "Law enforcement took the report" },
  { code: "REFUSED", label: "Law enforcement refused or failed to take the report" },
] as const satisfies CodeSet;

export const NCMEC_METHODS = [
  { code: "CALL_CENTER", label: "NCMEC call center (1-800-843-5678)" },
  { code: "WEB", label: "NCMEC's web reporting form" },
  { code: "SYSTEM_TO_SYSTEM", label: "System-to-system" },
] as const satisfies CodeSet;

/** What NCMEC asks about the risks to the child (shared/reference/requirements.md). */
export const RISKS = [
  { key: "medical", label: "Medical conditions", hint: "Conditions, allergies, and medication the child needs" },
  { key: "mentalHealth", label: "Mental-health conditions", hint: "Diagnoses and medication" },
  { key: "gang", label: "Gang involvement", hint: "Known or suspected gang activity" },
  { key: "suicide", label: "Past suicide attempts", hint: "When, and anything that makes it more likely now" },
  { key: "onlineEnticement", label: "Online enticement", hint: "Contact with someone online who may have lured the child" },
  { key: "sexualExploitation", label: "Commercial sexual exploitation", hint: "Known or suspected trafficking or exploitation" },
  { key: "otherEndangerment", label: "Other endangerment", hint: "Drugs, a dangerous person, weather, pregnancy, anything else" },
] as const;

export type LegalStatusCode = CodeOf<typeof LEGAL_STATUSES>;
export type EthnicityCode = CodeOf<typeof ETHNICITIES>;
export type MarkKindCode = CodeOf<typeof MARK_KINDS>;
export type EyewearCode = CodeOf<typeof EYEWEAR>;
export type LawEnforcementOutcome = CodeOf<typeof LAW_ENFORCEMENT_OUTCOMES>;
export type NcmecMethodCode = CodeOf<typeof NCMEC_METHODS>;
export type RiskKey = (typeof RISKS)[number]["key"];
export const RISK_KEYS = RISKS.map((risk) => risk.key);

export const YES_NO = [
  { code: "yes", label: "Yes" },
  { code: "no", label: "No" },
] as const satisfies CodeSet;

/** "Not known" is how the forms say null: the question was asked and nobody knows. */
export const YES_NO_UNKNOWN = [...YES_NO, { code: "unknown", label: "Not known" }] as const satisfies CodeSet;

/** The words for an answer that may be yes, no or not known (null). */
export function answerLabel(answer: boolean | null): string {
  return YES_NO_UNKNOWN[answer === null ? 2 : answer ? 0 : 1].label;
}
