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

// ── After the report: the search, the return, the debrief, the end ─────────────────────────────

/** Those the law asks every agency to tell of a return (or to cancel their report): not on the agency's list. */
export const NOTICE_AUTHORITIES = [
  { code: "LAW_ENFORCEMENT", label: "Law enforcement" },
  { code: "NCMEC", label: "NCMEC" },
] as const satisfies CodeSet;
export type NoticeAuthorityCode = CodeOf<typeof NOTICE_AUTHORITIES>;
/** Anyone an episode's notice can be to. */
export type EpisodeNoticeRecipient = NoticeAuthorityCode | NoticeRecipientCode;
/** Why a notice is owed: the child went missing, came back, or the episode ended without a recovery. */
export type EpisodeNoticeEvent = NoticeEventCode | "CANCEL";
export const EPISODE_NOTICE_EVENTS = ["MISSING", "RETURN", "CANCEL"] as const satisfies readonly EpisodeNoticeEvent[];

export const SEARCH_ACTIVITY_KINDS = [
  { code: "PHONE_OR_TEXT", label: "Called or texted the child" },
  { code: "BELONGINGS_SEARCHED", label: "Searched the child's belongings" },
  { code: "ONLINE_ACCOUNTS", label: "Checked social media and online accounts" },
  { code: "FRIENDS_AND_RELATIVES", label: "Contacted friends or relatives" },
  { code: "USUAL_PLACES", label: "Searched places the child goes" },
  { code: "SCHOOL_OR_EMPLOYER", label: "Contacted the school or employer" },
  { code: "LAW_ENFORCEMENT", label: "Contacted law enforcement" },
  { code: "NCMEC", label: "Contacted NCMEC" },
  { code: "COURT", label: "Notified the court" },
  { code: "OTHER", label: "Other" },
] as const satisfies CodeSet;
export type SearchActivityKindCode = CodeOf<typeof SEARCH_ACTIVITY_KINDS>;

/** What a child missing a long time needs (34 U.S.C. 41308 and NCMEC's long-term services). */
export const LONG_TERM_ITEMS = [
  { code: "MEDICAL_RECORDS", label: "Medical records obtained and given to law enforcement" },
  { code: "DENTAL_RECORDS", label: "Dental records obtained and given to law enforcement" },
  { code: "FINGERPRINTS", label: "Fingerprint records obtained, where they exist" },
  { code: "DNA_RELATIVES", label: "Biological relatives who could give DNA reference samples identified" },
  { code: "NCMEC_LONG_TERM_SERVICES", label: "NCMEC's long-term missing services asked for" },
] as const satisfies CodeSet;
export type LongTermItemCodeValue = CodeOf<typeof LONG_TERM_ITEMS>;

export const RECOVERY_PLACE_KINDS = [
  { code: "FAMILY_HOME", label: "A relative's or parent's home" },
  { code: "FRIEND_HOME", label: "A friend's home" },
  { code: "PLACEMENT", label: "The placement or a former placement" },
  { code: "PUBLIC_PLACE", label: "A street or public place" },
  { code: "HOTEL_OR_MOTEL", label: "A hotel or motel" },
  { code: "HOSPITAL", label: "A hospital" },
  { code: "SHELTER", label: "A shelter" },
  { code: "DETENTION", label: "Detention or a police station" },
  { code: "OTHER", label: "Other" },
] as const satisfies CodeSet;
export type RecoveryPlaceKindCode = CodeOf<typeof RECOVERY_PLACE_KINDS>;

export const RECOVERED_BY = [
  { code: "RETURNED_ALONE", label: "Came back on their own" },
  { code: "CAREGIVER", label: "Brought back by the caregiver" },
  { code: "LAW_ENFORCEMENT", label: "Found by law enforcement" },
  { code: "CASEWORKER", label: "Found by the caseworker" },
  { code: "NCMEC_LEAD", label: "Found from a lead from NCMEC" },
  { code: "OTHER", label: "Other" },
] as const satisfies CodeSet;
export type RecoveredByCode = CodeOf<typeof RECOVERED_BY>;

export const DEBRIEF_ATTEMPT_RESULTS = [
  { code: "DECLINED", label: "The child declined" },
  { code: "UNAVAILABLE", label: "The child was unavailable" },
] as const satisfies CodeSet;
export type DebriefAttemptResultCode = CodeOf<typeof DEBRIEF_ATTEMPT_RESULTS>;

/** What a child ran from: children run from things and toward things. */
export const RAN_FROM = [
  { code: "placement-conflict", label: "Conflict in the placement" },
  { code: "rules-or-restrictions", label: "The placement's rules or restrictions" },
  { code: "abuse-or-neglect", label: "Abuse or neglect in the placement" },
  { code: "school", label: "Problems at school" },
  { code: "peer-conflict", label: "Conflict with peers or bullying" },
  { code: "placement-change", label: "A placement change, planned or feared" },
  { code: "other", label: "Other" },
] as const satisfies CodeSet;
export const RAN_TO = [
  { code: "family", label: "Family" },
  { code: "friends", label: "Friends" },
  { code: "partner", label: "A boyfriend or girlfriend" },
  { code: "substances", label: "Alcohol or drugs" },
  { code: "freedom", label: "Freedom or independence" },
  { code: "exploiter", label: "Someone exploiting the child" },
  { code: "other", label: "Other" },
] as const satisfies CodeSet;

/** Screening instruments known to the product; an agency adds its own by name. */
export const SCREENING_INSTRUMENTS = [
  { code: "CSE_IT", label: "CSE-IT (Commercial Sexual Exploitation Identification Tool)" },
  { code: "TVIT_SHORT", label: "Vera TVIT, short form" },
  { code: "TVIT_LONG", label: "Vera TVIT, long form" },
  { code: "STATE_TOOL", label: "The state's own tool" },
  { code: "OTHER", label: "Other" },
] as const satisfies CodeSet;
export type ScreeningInstrumentCode = CodeOf<typeof SCREENING_INSTRUMENTS>;

export const CONCERN_LEVELS = [
  { code: "NONE", label: "No concern" },
  { code: "POSSIBLE", label: "Possible concern" },
  { code: "CLEAR", label: "Clear concern" },
] as const satisfies CodeSet;
export type ConcernLevelCode = CodeOf<typeof CONCERN_LEVELS>;

export const TRAFFICKING_FINDINGS = [
  { code: "NOT_A_VICTIM", label: "Not a victim" },
  { code: "SUSPECTED", label: "Suspected victim" },
  { code: "CONFIRMED", label: "Confirmed victim" },
] as const satisfies CodeSet;
export type TraffickingFindingCode = CodeOf<typeof TRAFFICKING_FINDINGS>;

export const END_REASONS = [
  { code: "AGED_OUT", label: "The youth aged out of care" },
  { code: "JURISDICTION_ENDED", label: "A court ended its jurisdiction" },
  { code: "DIED", label: "The child died" },
] as const satisfies CodeSet;
export type EndReasonCode = CodeOf<typeof END_REASONS>;

export const APPROVAL_ACTIONS = [
  { code: "REQUESTED", label: "Asked for sign-off" },
  { code: "APPROVED", label: "Approved" },
  { code: "RETURNED", label: "Returned with a comment" },
  { code: "REOPENED", label: "Reopened" },
] as const satisfies CodeSet;
export type ApprovalActionCode = CodeOf<typeof APPROVAL_ACTIONS>;
export type ApprovalStatusCode = "REQUESTED" | "APPROVED" | "RETURNED" | "REOPENED";
