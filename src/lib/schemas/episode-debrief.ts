import { z } from "zod";
import { CONCERN_LEVELS, DEBRIEF_ATTEMPT_RESULTS, RAN_FROM, RAN_TO, SCREENING_INSTRUMENTS, TRAFFICKING_FINDINGS } from "@/domain/code-sets";
import { codesOf, type CodeSet } from "@/domain/ncic-codes";
import { calendarDate, longText, optionalText, optionalWallTime, requiredText, wallTime, pageVersion } from "./fields";

/**
 * The forms of the return debrief and of the trafficking screen, determination and report: what
 * the case page sends, checked on both sides. Times are wall times in the agency's zone.
 */
const version = pageVersion;

/** Ticked categories, each once. */
const categories = <T extends CodeSet>(set: T, message: string) =>
  z.array(z.enum(codesOf(set), message), message).refine((codes) => new Set(codes).size === codes.length, message);

/** The debrief's sections: the audit trail says which were changed, never what they say. */
export const DEBRIEF_SECTIONS = {
  interview: ["interviewerName", "interviewerRole", "interviewedAt", "place", "othersPresent"],
  factors: ["ranFrom", "ranTo", "factorsNarrative", "responseNow", "plansLater"],
  experiences: ["stayedWhere", "stayedWith", "needsMet", "harm"],
} as const;
export type DebriefSection = keyof typeof DEBRIEF_SECTIONS;

/**
 * The debrief's answers. Every field may be left out, and every text may be empty: a debrief is
 * saved as it is written, and what it still lacks is said when it is marked complete.
 */
export const ZDebriefSchema = z
  .object({
    version,
    interviewerName: optionalText(200),
    interviewerRole: optionalText(200),
    // No default: a field left out must stay out (kept as it was), not read as emptied.
    interviewedAt: z.union([z.literal(""), wallTime("Enter the date and time of the interview, or leave it empty.")]),
    place: optionalText(300),
    othersPresent: longText(null, 1000),
    ranFrom: categories(RAN_FROM, "Choose what the child ran from from the list."),
    ranTo: categories(RAN_TO, "Choose what the child ran to from the list."),
    factorsNarrative: longText(null),
    responseNow: longText(null),
    plansLater: longText(null),
    stayedWhere: longText(null),
    stayedWith: longText(null),
    needsMet: longText(null),
    harm: longText(null),
  })
  .partial()
  .required({ version: true })
  .strict();
export type TDebrief = z.infer<typeof ZDebriefSchema>;

/** An attempt to debrief the child that did not happen, and when the next one is planned. */
export const ZDebriefAttemptSchema = z
  .object({
    version,
    at: wallTime("Enter the date and time of the attempt."),
    result: z.enum(codesOf(DEBRIEF_ATTEMPT_RESULTS), "Choose what happened."),
    nextAttemptOn: z.union([z.literal(""), calendarDate("Enter the date of the next attempt as a real date, or leave it empty.")]).default(""),
    note: longText(null, 2000),
  })
  .strict();
export type TDebriefAttempt = z.infer<typeof ZDebriefAttemptSchema>;

/** A change that carries nothing but the page's version (accept, complete, ran again). */
export const ZVersionOnlySchema = z.object({ version }).strict();

/** The agency's record of a screen's result: `instrument` is a built-in code or "AGENCY:<name>". */
export const ZTraffickingScreenSchema = z
  .object({
    version,
    instrument: requiredText("Choose the screening instrument.", 260),
    instrumentVersion: optionalText(60),
    result: z.enum(codesOf(CONCERN_LEVELS), "Choose the screen's result."),
    screenedBy: requiredText("Enter who did the screen.", 200),
    screenedAt: wallTime("Enter the date and time of the screen."),
  })
  .strict();
export type TTraffickingScreen = z.infer<typeof ZTraffickingScreenSchema>;

/** A finding for a victim (suspected or confirmed) needs the time the agency received the information. */
export const ZTraffickingDeterminationSchema = z
  .object({
    version,
    sex: z.enum(codesOf(TRAFFICKING_FINDINGS), "Choose the finding for sex trafficking."),
    labor: z.enum(codesOf(TRAFFICKING_FINDINGS), "Choose the finding for labor trafficking."),
    informationReceivedAt: optionalWallTime("Enter the date and time the agency received the information, or leave it empty."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.sex !== "NOT_A_VICTIM" || value.labor !== "NOT_A_VICTIM") && value.informationReceivedAt === "") {
      ctx.addIssue({ code: "custom", path: ["informationReceivedAt"], message: "Enter when the agency received the information that identified the child." });
    }
  });
export type TTraffickingDetermination = z.infer<typeof ZTraffickingDeterminationSchema>;

/** The report of an identified victim to law enforcement, recorded like the first report. */
export const ZTraffickingReportSchema = z
  .object({
    version,
    agencyName: requiredText("Enter the law-enforcement agency.", 200),
    officerName: optionalText(200),
    caseNumber: optionalText(60),
    reportedAt: wallTime("Enter the date and time law enforcement was told."),
    lateReason: longText(null, 2000),
  })
  .strict();
export type TTraffickingReport = z.infer<typeof ZTraffickingReportSchema>;

/** The prefix of an instrument from the agency's own list, stored as "AGENCY:<name>". */
export const AGENCY_INSTRUMENT_PREFIX = "AGENCY:";

/** The instruments a screen may name: the built-in list, then the agency's own by name. */
export function screeningInstrumentOptions(agencyInstruments: readonly string[]): { code: string; label: string }[] {
  return [...SCREENING_INSTRUMENTS, ...agencyInstruments.map((name) => ({ code: `${AGENCY_INSTRUMENT_PREFIX}${name}`, label: name }))];
}

/** A recorded screen's instrument in words (an agency's own by its name, even once off the list). */
export function screeningInstrumentLabel(code: string): string {
  if (code.startsWith(AGENCY_INSTRUMENT_PREFIX)) return code.slice(AGENCY_INSTRUMENT_PREFIX.length);
  return SCREENING_INSTRUMENTS.find((instrument) => instrument.code === code)?.label ?? code;
}
