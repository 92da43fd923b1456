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

/** Who an agency may have to tell when a child goes missing or returns (the agency's notice list). */
export const NOTICE_RECIPIENTS = [
  { code: "COURT", label: "The court" },
  { code: "CHILD_ATTORNEY_OR_GAL", label: "The child's attorney or guardian ad litem" },
  { code: "CASA", label: "The CASA volunteer" },
  { code: "PARENTS", label: "The parents" },
  { code: "TRIBE", label: "The child's tribe" },
  { code: "CAREGIVER", label: "The caregiver" },
] as const satisfies CodeSet;

/** When a notice is due: the child went missing, or came back. */
export const NOTICE_EVENTS = [
  { code: "MISSING", label: "When a child goes missing" },
  { code: "RETURN", label: "When a child returns" },
] as const satisfies CodeSet;

/** Why a notice does not apply to one child; which reasons fit which recipient is in notice-rules.ts. */
export const NOTICE_NOT_APPLICABLE_REASONS = [
  { code: "PARENTAL_RIGHTS_TERMINATED", label: "Parental rights were terminated" },
  { code: "PARENT_SUSPECTED", label: "A parent is suspected in the child's absence" },
  { code: "ICWA_DOES_NOT_APPLY", label: "The Indian Child Welfare Act does not apply to this child" },
  { code: "NO_SUCH_PERSON", label: "There is no such person for this child" },
  { code: "OTHER", label: "Other (explained in the note)" },
] as const satisfies CodeSet;

export type NoticeRecipientCode = CodeOf<typeof NOTICE_RECIPIENTS>;
export type NoticeEventCode = CodeOf<typeof NOTICE_EVENTS>;
export type NoticeNotApplicableCode = CodeOf<typeof NOTICE_NOT_APPLICABLE_REASONS>;

/** The states, districts and territories an agency can be in, by their postal codes. */
export const US_STATES = [
  ["AL", "Alabama"], ["AK", "Alaska"], ["AZ", "Arizona"], ["AR", "Arkansas"], ["CA", "California"], ["CO", "Colorado"],
  ["CT", "Connecticut"], ["DE", "Delaware"], ["DC", "District of Columbia"], ["FL", "Florida"], ["GA", "Georgia"], ["HI", "Hawaii"],
  ["ID", "Idaho"], ["IL", "Illinois"], ["IN", "Indiana"], ["IA", "Iowa"], ["KS", "Kansas"], ["KY", "Kentucky"], ["LA", "Louisiana"],
  ["ME", "Maine"], ["MD", "Maryland"], ["MA", "Massachusetts"], ["MI", "Michigan"], ["MN", "Minnesota"], ["MS", "Mississippi"],
  ["MO", "Missouri"], ["MT", "Montana"], ["NE", "Nebraska"], ["NV", "Nevada"], ["NH", "New Hampshire"], ["NJ", "New Jersey"],
  ["NM", "New Mexico"], ["NY", "New York"], ["NC", "North Carolina"], ["ND", "North Dakota"], ["OH", "Ohio"], ["OK", "Oklahoma"],
  ["OR", "Oregon"], ["PA", "Pennsylvania"], ["RI", "Rhode Island"], ["SC", "South Carolina"], ["SD", "South Dakota"],
  ["TN", "Tennessee"], ["TX", "Texas"], ["UT", "Utah"], ["VT", "Vermont"], ["VA", "Virginia"], ["WA", "Washington"],
  ["WV", "West Virginia"], ["WI", "Wisconsin"], ["WY", "Wyoming"], ["AS", "American Samoa"], ["GU", "Guam"],
  ["MP", "Northern Mariana Islands"], ["PR", "Puerto Rico"], ["VI", "U.S. Virgin Islands"],
].map(([code, label]) => ({ code: code!, label: label! })) satisfies CodeSet;
