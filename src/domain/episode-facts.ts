/**
 * An episode's facts in the domain's own types: booleans, numbers, instants, codes. What the forms
 * send is mapped to these at the edge (src/lib/step-codecs.ts); what the database holds is parsed
 * into these on the way in (src/server/episodes/episode-documents.ts). Nothing past those edges
 * sees a form string.
 *
 * The zod schemas below are the stored documents' shapes (the Json columns), so each document is
 * declared once and its type inferred from it.
 */
import { z } from "zod";
import { EYE_COLORS, HAIR_COLORS, RACES, SEXES, SKIN_TONES, codesOf } from "./ncic-codes";
import {
  ETHNICITIES,
  EYEWEAR,
  LEGAL_STATUSES,
  MARK_KINDS,
  RISK_KEYS,
  type ApprovalActionCode,
  type ApprovalStatusCode,
  type ConcernLevelCode,
  type DebriefAttemptResultCode,
  type EndReasonCode,
  type LawEnforcementOutcome,
  type LongTermItemCodeValue,
  type NcmecMethodCode,
  type RecoveredByCode,
  type RecoveryPlaceKindCode,
  type SearchActivityKindCode,
  type TraffickingFindingCode,
  type EpisodeNoticeEvent,
  type EpisodeNoticeRecipient,
  type NoticeNotApplicableCode,
} from "./code-sets";
import { FORM_STEP_KEYS, type FormStepKey } from "./steps";

/** A calendar date, "YYYY-MM-DD" (a birthday is not an instant). */
export type IsoDate = string;

// ── Stored documents ─────────────────────────────────────────────────────────────────────────

export const ZChildProfileSchema = z
  .object({
    aliases: z.array(z.string()),
    sex: z.enum(codesOf(SEXES)).nullable(),
    races: z.array(z.enum(codesOf(RACES))),
    ethnicity: z.enum(codesOf(ETHNICITIES)).nullable(),
    legalStatus: z.enum(codesOf(LEGAL_STATUSES)).nullable(),
    custodyDetails: z.string(),
  })
  .strict();
export type ChildProfile = z.infer<typeof ZChildProfileSchema>;

export const EMPTY_CHILD_PROFILE: ChildProfile = { aliases: [], sex: null, races: [], ethnicity: null, legalStatus: null, custodyDetails: "" };

export const ZMissingEventDetailsSchema = z
  .object({
    lastSeenPlace: z.string(),
    lastSeenCity: z.string(),
    circumstances: z.string(),
    clothing: z.string(),
    possibleDestinations: z.string(),
    hasRunBefore: z.boolean().nullable(),
  })
  .strict();
export type MissingEventDetails = z.infer<typeof ZMissingEventDetailsSchema>;

export const ZMarkSchema = z.object({ kind: z.enum(codesOf(MARK_KINDS)), location: z.string(), description: z.string() }).strict();
export type Mark = z.infer<typeof ZMarkSchema>;
/** New marks noted at a recovery (Recovery.newMarks). */
export const ZMarksSchema = z.array(ZMarkSchema);

export const ZDescriptionSchema = z
  .object({
    heightInches: z.int().min(0).nullable(),
    weightPounds: z.int().min(0).nullable(),
    hairColor: z.enum(codesOf(HAIR_COLORS)),
    eyeColor: z.enum(codesOf(EYE_COLORS)),
    /** NCIC's complexion list has no "unknown": null is not known. */
    skinTone: z.enum(codesOf(SKIN_TONES)).nullable(),
    eyewear: z.enum(codesOf(EYEWEAR)).nullable(),
    braces: z.boolean().nullable(),
    marks: z.array(ZMarkSchema),
    otherFeatures: z.string(),
  })
  .strict();
export type Description = z.infer<typeof ZDescriptionSchema>;

export const ZRiskSchema = z.object({ present: z.boolean().nullable(), details: z.string() }).strict();
export const ZRisksSchema = z.record(z.enum(RISK_KEYS), ZRiskSchema);
export type Risks = z.infer<typeof ZRisksSchema>;

export const ZAbductorSchema = z
  .object({ name: z.string(), description: z.string(), phone: z.string(), driversLicense: z.string(), vehicle: z.string() })
  .strict();
export const ZPhoneSchema = z.object({ number: z.string(), note: z.string() }).strict();
export const ZAccountSchema = z.object({ platform: z.string(), handle: z.string() }).strict();

export const ZContactsSchema = z
  .object({
    phones: z.array(ZPhoneSchema),
    accounts: z.array(ZAccountSchema),
    companions: z.array(z.object({ name: z.string(), description: z.string() }).strict()),
    /** Null: no suspected abductor is known. */
    abductor: ZAbductorSchema.nullable(),
  })
  .strict();
export type Contacts = z.infer<typeof ZContactsSchema>;

export const ZGuardianSchema = z
  .object({
    reporterName: z.string(),
    reporterAgency: z.string(),
    reporterPhone: z.string(),
    reporterEmail: z.string(),
    guardianSameAsReporter: z.boolean(),
    guardianName: z.string(),
    guardianAgency: z.string(),
    guardianPhones: z.string(),
    guardianEmail: z.string(),
  })
  .strict();
export type Guardian = z.infer<typeof ZGuardianSchema>;

/** The stable facts carried from a child's previous episode, shown for confirmation until saved. */
export const ZPrefillSchema = z
  .object({
    hasRunBefore: z.boolean().nullable(),
    description: ZDescriptionSchema.nullable(),
    risks: ZRisksSchema.nullable(),
    contacts: ZContactsSchema.pick({ phones: true, accounts: true }).nullable(),
    guardian: ZGuardianSchema.nullable(),
  })
  .strict();
export type Prefill = z.infer<typeof ZPrefillSchema>;

export const ZStepVersionsSchema = z.partialRecord(z.enum(FORM_STEP_KEYS), z.int().min(0));
export type StepVersions = z.infer<typeof ZStepVersionsSchema>;

// ── Facts ────────────────────────────────────────────────────────────────────────────────────

export type ChildFacts = ChildProfile & {
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: IsoDate;
  agencyCaseNumber: string;
  underAgencyGuardianship: boolean;
};

export type MissingEvent = MissingEventDetails & { discoveredAt: Date; lastSeenAt: Date };

export type LawEnforcementAnswers = {
  outcome: LawEnforcementOutcome;
  agencyName: string;
  phone: string;
  officerName: string | null;
  badgeNumber: string | null;
  caseNumber: string | null;
  /** When law enforcement was told, or when it refused or failed to take the report. */
  reportedAt: Date;
  /** Whether the child was entered into NCIC; null when not known. */
  ncicEntered: boolean | null;
  ncicNumber: string | null;
  /** When law enforcement entered the child into NCIC, when known: the 30-day record update runs from it. */
  ncicEnteredAt: Date | null;
  refusedBy: string | null;
  refusalStatement: string | null;
  lateReason: string | null;
};

export type NcmecAnswers = {
  reportedAt: Date;
  method: NcmecMethodCode;
  ncmecCaseNumber: string | null;
  contactName: string | null;
  lateReason: string | null;
};

export type Recorded = { recordedById: string; recordedAt: Date };

/** A step changed after the report was submitted, and when the update was sent to NCMEC and law enforcement. */
export type Amendment = { step: FormStepKey; at: Date; sentAt: Date | null };

/** One thing done to find the child. A lead is passed to law enforcement within the agency's hours of `at`. */
export type SearchActivity = {
  id: string;
  kind: SearchActivityKindCode;
  at: Date;
  contactedPerson: string;
  outcome: string;
  note: string;
  isLead: boolean;
  leadPassedAt: Date | null;
  leadPassedTo: string | null;
  leadLateReason: string | null;
} & Recorded;

export type LongTermItemDone = { item: LongTermItemCodeValue; doneAt: Date; doneById: string };

/** Located (the agency learned where the child is) and recovered are two moments; either may be recorded first. */
export type RecoveryFacts = {
  locatedAt: Date | null;
  recoveredAt: Date | null;
  /** When the agency learned of the recovery: the return notices run from here. */
  knownAt: Date | null;
  address: string;
  city: string;
  state: string | null;
  placeKind: RecoveryPlaceKindCode | null;
  outOfState: boolean;
  recoveredBy: RecoveredByCode | null;
  officerName: string | null;
  lawEnforcementCaseNumber: string | null;
  condition: string;
  newMarks: Mark[];
  placement: string;
  packetSummary: string;
} & Recorded;

export type DebriefAttempt = { id: string; at: Date; result: DebriefAttemptResultCode; nextAttemptOn: IsoDate | null; note: string };

export type DebriefFacts = {
  interviewerName: string | null;
  interviewerRole: string | null;
  interviewedAt: Date | null;
  place: string;
  othersPresent: string;
  acceptedWithoutInterviewAt: Date | null;
  acceptedWithoutInterviewById: string | null;
  ranAgainBeforeDebrief: boolean;
  ranFrom: string[];
  ranTo: string[];
  factorsNarrative: string;
  responseNow: string;
  plansLater: string;
  stayedWhere: string;
  stayedWith: string;
  needsMet: string;
  harm: string;
  /** When the caseworker recorded the debrief as complete. */
  completedAt: Date | null;
} & Recorded;

/** A screen's result as the agency records it. `instrument` is a built-in code or "AGENCY:<name>". */
export type ScreenFacts = { id: string; instrument: string; version: string; result: ConcernLevelCode; screenedBy: string; screenedAt: Date };

export type DeterminationFacts = {
  sex: TraffickingFindingCode;
  labor: TraffickingFindingCode;
  /** When the agency received the information that identified the child; never after it was recorded. */
  informationReceivedAt: Date | null;
} & Recorded;

export type TraffickingReportFacts = { agencyName: string; officerName: string | null; caseNumber: string | null; reportedAt: Date; lateReason: string | null } & Recorded;

export type ApprovalEntry = { action: ApprovalActionCode; comment: string; byId: string; at: Date };
/** A request for a supervisor's decision (a closure's sign-off, a report's review): its status and its history, oldest first. */
export type ApprovalFacts = {
  status: ApprovalStatusCode;
  requestedById: string;
  requestedAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  entries: readonly ApprovalEntry[];
};

/** An episode that ended without a recovery. */
export type EndFacts = { endedAt: Date; reason: EndReasonCode; note: string; recordedById: string };
export type VoidFacts = { voidedAt: Date; voidedById: string; reason: string };

/** What an earlier episode's recovery gives the next packet: never the placement, the condition, the screen or the determination. */
export type EarlierRecovery = {
  episodeId: string;
  recoveredAt: Date;
  city: string;
  state: string | null;
  placeKind: RecoveryPlaceKindCode | null;
  recoveredBy: RecoveredByCode | null;
  packetSummary: string;
};

/** What each step records, in the domain's types. */
export type StepAnswers = {
  child: ChildFacts;
  "missing-event": MissingEvent;
  description: Description;
  risks: Risks;
  contacts: Contacts;
  "law-enforcement": LawEnforcementAnswers;
  guardian: Guardian;
  ncmec: NcmecAnswers;
};

/** Every fact of one episode that a rule, a page or the packet may ask about. */
export type EpisodeFacts = {
  id: string;
  agencyId: string;
  timeZone: string;
  version: number;
  stepVersions: StepVersions;
  /** Steps saved at least once, in the order they were first saved. */
  savedSteps: readonly FormStepKey[];
  caseworkerId: string;
  createdAt: Date;
  submittedAt: Date | null;
  closedAt: Date | null;
  child: ChildFacts & { id: string };
  missingEvent: MissingEvent | null;
  description: Description | null;
  risks: Risks | null;
  contacts: Contacts | null;
  guardian: Guardian | null;
  lawEnforcement: (LawEnforcementAnswers & Recorded) | null;
  ncmec: (NcmecAnswers & Recorded) | null;
  prefill: Prefill | null;
  photoCount: number;
  /** Changes after submission, oldest first. */
  amendments: readonly Amendment[];
  /** The notices recorded (sent, or not applicable), one per event and recipient at most. */
  notices: readonly NoticeRecord[];
  /** When the records for the NCIC update were sent to law enforcement. */
  ncicRecordsSentAt: Date | null;
  /** The search while missing, oldest first. */
  searchActivities: readonly SearchActivity[];
  longTermItems: readonly LongTermItemDone[];
  recovery: RecoveryFacts | null;
  debrief: DebriefFacts | null;
  debriefAttempts: readonly DebriefAttempt[];
  /** Trafficking screens, oldest first. */
  screens: readonly ScreenFacts[];
  determination: DeterminationFacts | null;
  traffickingReport: TraffickingReportFacts | null;
  /** The closure's sign-off request and its history. */
  closure: ApprovalFacts | null;
  /**
   * A supervisor's review of the submitted report and its history.
   */
  review: ApprovalFacts | null;
  ended: EndFacts | null;
  voided: VoidFacts | null;
  /** The child's earlier episodes' recoveries, newest first (for the full packet). */
  earlierRecoveries: readonly EarlierRecovery[];
};

/** The saved answers of one step, or null while it is not saved. */
export function savedAnswers<K extends FormStepKey>(facts: EpisodeFacts, step: K): StepAnswers[K] | null;
export function savedAnswers(facts: EpisodeFacts, step: FormStepKey): StepAnswers[FormStepKey] | null {
  // The two reports are rows of their own: recorded or not, whatever the list of saved steps says.
  if (step !== "law-enforcement" && step !== "ncmec" && !facts.savedSteps.includes(step)) return null;
  switch (step) {
    case "child":
      return facts.child;
    case "missing-event":
      return facts.missingEvent;
    case "description":
      return facts.description;
    case "risks":
      return facts.risks;
    case "contacts":
      return facts.contacts;
    case "law-enforcement":
      return facts.lawEnforcement;
    case "guardian":
      return facts.guardian;
    case "ncmec":
      return facts.ncmec;
  }
}

/** A notice recorded on an episode: sent (and when), or not applicable with a reason. */
export type NoticeRecord = {
  event: EpisodeNoticeEvent;
  recipient: EpisodeNoticeRecipient;
  sentAt: Date | null;
  notApplicableReason: NoticeNotApplicableCode | null;
  /** The late reason of a notice sent late, or the note of one not applicable. */
  note: string | null;
  recordedById: string;
  recordedAt: Date;
  /** Return and cancellation notices: who told them, the person told, how. */
  toldBy: string | null;
  toWhom: string | null;
  method: string | null;
  /** Law enforcement: the NCIC entry was cleared; NCMEC: its case was closed. Null when not known. */
  confirmed: boolean | null;
};

/** A person's full name from its parts, skipping the empty ones. */
export function fullName(person: { firstName: string; middleName?: string | null; lastName: string }): string {
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(" ");
}

/** How a list sorts a person by name: "Last, First Middle" (kept on the episode's row as `childSortName`). */
export function sortName(person: { firstName: string; middleName?: string | null; lastName: string }): string {
  return `${person.lastName}, ${[person.firstName, person.middleName].filter(Boolean).join(" ")}`;
}
