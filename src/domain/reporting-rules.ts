/**
 * The legal rules of a missing-from-care episode (DESIGN.md, "The rules"): law enforcement before
 * NCMEC, reasons for late reports, times that cannot be, and who is eligible. The clocks are in
 * clocks.ts; what follows from the facts (stage, locks, gaps) in episode-progress.ts.
 * Pure: `now` is passed in; instants are `Date`s, calendar dates are "YYYY-MM-DD" strings.
 */
import { parseCalendarDate } from "./zoned-time";

// ── Checks of what the caseworker entered ────────────────────────────────────────────────────

export type RuleViolation = { field: string; code: string; message: string };

/**
 * How far ahead of the server's clock an entered time may be. The form gives whole minutes and a
 * caseworker typing "now" often rounds up to the next minute (or has a device clock a few seconds
 * fast); refusing that as "in the future" would be a rejection they cannot understand.
 */
export const FUTURE_GRACE_MS = 60 * 1000;

const isInFuture = (at: Date, now: Date) => at.getTime() > now.getTime() + FUTURE_GRACE_MS;
const isBlank = (text: string | null) => text === null || text.trim() === "";

export function checkMissingEvent(input: { discoveredAt: Date; lastSeenAt: Date }, now: Date): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (isInFuture(input.discoveredAt, now)) {
    violations.push({
      field: "discoveredAt",
      code: "DISCOVERED_IN_FUTURE",
      message: "The time the agency learned the child was missing cannot be in the future.",
    });
  }
  if (isInFuture(input.lastSeenAt, now)) {
    violations.push({
      field: "lastSeenAt",
      code: "LAST_SEEN_IN_FUTURE",
      message: "The time the child was last seen cannot be in the future.",
    });
  }
  if (input.discoveredAt.getTime() < input.lastSeenAt.getTime()) {
    violations.push({
      field: "discoveredAt",
      code: "DISCOVERED_BEFORE_LAST_SEEN",
      message:
        "The agency cannot have learned the child was missing before the child was last seen. Please check both times.",
    });
  }
  return violations;
}

/** The time checks both reports share; `who` names the party told, as in "law enforcement was told". */
function checkReportTime(at: Date, lateReason: string | null, context: ReportContext, who: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (isInFuture(at, context.now)) {
    violations.push({
      field: "reportedAt",
      code: "REPORTED_IN_FUTURE",
      message: `The time ${who} was told cannot be in the future.`,
    });
  }
  if (at.getTime() < context.lastSeenAt.getTime()) {
    violations.push({
      field: "reportedAt",
      code: "REPORTED_BEFORE_LAST_SEEN",
      message: `The time ${who} was told cannot be before the child was last seen. Please check both times.`,
    });
  }
  if (at.getTime() > context.deadline.getTime() && isBlank(lateReason)) {
    violations.push({
      field: "lateReason",
      code: "LATE_REASON_REQUIRED",
      message: `${capitalise(who)} was told after the deadline (${context.ruleHours} hours after the agency learned the child was missing). Please say why; the reason is kept with the report.`,
    });
  }
  return violations;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a report's time is judged against: the child's last sighting and the report's own clock. */
export type ReportContext = { lastSeenAt: Date; now: Date; deadline: Date; ruleHours: number };

/**
 * `at` is when law enforcement was told, or, for a documented refusal or failure to take the report,
 * when that happened: the clock judges the agency's attempt, not the police response.
 */
export function checkLawEnforcementReport(input: { at: Date; lateReason: string | null }, context: ReportContext): RuleViolation[] {
  return checkReportTime(input.at, input.lateReason, context, "law enforcement");
}

/** `lawEnforcementAt` is the law-enforcement report's (or refusal's) time, null when none is recorded yet. */
export function checkNcmecReport(
  input: { reportedAt: Date; lateReason: string | null },
  context: ReportContext & { lawEnforcementAt: Date | null },
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (context.lawEnforcementAt === null) {
    violations.push({
      field: "reportedAt",
      code: "LAW_ENFORCEMENT_FIRST",
      message:
        "Record the report to law enforcement first, or that law enforcement refused or failed to take it. The NCMEC report can be recorded after that.",
    });
  } else if (input.reportedAt.getTime() < context.lawEnforcementAt.getTime()) {
    violations.push({
      field: "reportedAt",
      code: "NCMEC_BEFORE_LAW_ENFORCEMENT",
      message:
        "NCMEC is told after law enforcement, but this time is earlier than the law-enforcement report. Please check both times.",
    });
  }
  return [...violations, ...checkReportTime(input.reportedAt, input.lateReason, context, "NCMEC")];
}

// ── Eligibility ──────────────────────────────────────────────────────────────────────────────

/** Under this age a missing child is always reported (34 U.S.C. 11292). */
export const CHILD_AGE_LIMIT = 18;
/** From 18 up to (not including) this age, only while still under the agency's guardianship. */
export const EXTENDED_CARE_AGE_LIMIT = 21;

export type Eligibility =
  | { eligible: true; ageAtMissing: number }
  | { eligible: false; ageAtMissing: number; reason: "adult" | "not-under-guardianship" | "not-born"; message: string };

function parseDateOrThrow(text: string, what: string) {
  const date = parseCalendarDate(text);
  if (!date) throw new RangeError(`${what} must be a real calendar date "YYYY-MM-DD", got "${text}"`);
  return date;
}

/**
 * Whole years completed on `on`; a birthday on that day counts. Someone born on 29 February turns a
 * year older on 1 March in a non-leap year (still 17 on 28 February, 18 on 1 March): that is when
 * they have lived the full year, and it is how most US states count the legal age. Negative when
 * `on` is before the date of birth. Throws RangeError for a malformed or impossible date.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const birth = parseDateOrThrow(dateOfBirth, "dateOfBirth");
  const day = parseDateOrThrow(on, "on");
  const birthdayStillToCome = day.month < birth.month || (day.month === birth.month && day.day < birth.day);
  return day.year - birth.year - (birthdayStillToCome ? 1 : 0);
}

const HOMEWARD_IS_FOR =
  "Homeward's reports are for children under 18, and for young people of 18 to 20 who are still under the agency's guardianship.";

/** Who Homeward reports (DESIGN rule 4). `ageAtMissing` is 0 for a date of birth after the missing date. */
export function checkEligibility(input: {
  dateOfBirth: string;
  missingOn: string;
  underAgencyGuardianship: boolean;
}): Eligibility {
  const age = ageOn(input.dateOfBirth, input.missingOn);
  if (age < 0) {
    return {
      eligible: false,
      ageAtMissing: 0,
      reason: "not-born",
      message:
        "The date of birth is after the date the child went missing. Please check both dates; one of them is probably mistyped.",
    };
  }
  if (age < CHILD_AGE_LIMIT) return { eligible: true, ageAtMissing: age };
  if (age < EXTENDED_CARE_AGE_LIMIT) {
    if (input.underAgencyGuardianship) return { eligible: true, ageAtMissing: age };
    return {
      eligible: false,
      ageAtMissing: age,
      reason: "not-under-guardianship",
      message: `This young person was ${age} when they went missing and is not recorded as under the agency's guardianship. ${HOMEWARD_IS_FOR} If they are still in extended foster care, update their guardianship first. Otherwise, please report them to law enforcement as a missing adult right away.`,
    };
  }
  return {
    eligible: false,
    ageAtMissing: age,
    reason: "adult",
    message: `This person was ${age} when they went missing. ${HOMEWARD_IS_FOR} Please report them to law enforcement as a missing adult right away.`,
  };
}

// ── Before the missing event ──────────────────────────────────────────────────────────────

/**
 * Before the missing event is recorded, the day the child went missing is not known: a report may
 * be started days later. Until then, eligibility is judged as of this many days ago (the most
 * generous plausible day); the missing-event step then judges it exactly.
 */
export const PROVISIONAL_ELIGIBILITY_LOOKBACK_DAYS = 31;

export function provisionalMissingAt(now: Date): Date {
  return new Date(now.getTime() - PROVISIONAL_ELIGIBILITY_LOOKBACK_DAYS * 86_400_000);
}
