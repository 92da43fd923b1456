import { z } from "zod";
import { NOTICE_RECIPIENTS, SCREENING_INSTRUMENTS, US_STATES } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { reportClockHoursProblem, type ReportClockKind } from "@/domain/clocks";
import { noticeHoursProblem } from "@/domain/notice-rules";
import { isValidTimeZone } from "@/domain/zoned-time";
import { AFTER_REPORT_RULE_BOUNDS, MAX_INSTRUMENT_NAME, MAX_SCREENING_INSTRUMENTS, ruleValueProblem, searchReminderProblem, type RuleBounds } from "@/domain/after-report-rules";
import { reminderSettingsProblems } from "@/domain/clock-reminders";
import { longText, plainText, requiredText } from "./fields";

const HOURS_MESSAGE = "Enter a whole number of hours.";

/** A reporting clock's hours: whole, at least 1, never looser than the federal 24. */
const reportHours = (kind: ReportClockKind) =>
  z.number(HOURS_MESSAGE).superRefine((value, ctx) => {
    const problem = reportClockHoursProblem(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const noticeHours = z.number(HOURS_MESSAGE).superRefine((value, ctx) => {
  const problem = noticeHoursProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const recipient = z.enum(codesOf(NOTICE_RECIPIENTS));

/** One of the agency's rules after the report: a whole number within the bounds the database holds it to. */
const ruleValue = (bounds: RuleBounds) =>
  z.number(`Enter a whole number of ${bounds.unit}.`).superRefine((value, ctx) => {
    const problem = ruleValueProblem(value, bounds);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const instrumentName = plainText("Enter the instrument's name.").check(
  z.minLength(1, "Enter the instrument's name, or remove the line."),
  z.maxLength(MAX_INSTRUMENT_NAME, `Use ${MAX_INSTRUMENT_NAME} characters or fewer`),
  z.refine((name: string) => !SCREENING_INSTRUMENTS.some((built) => built.label.toLowerCase() === name.toLowerCase()), "This instrument is already on the built-in list."),
);

/** The agency settings form, shared by the page (client) and the route (server, which parses again). */
export const ZAgencySettingsSchema = z
  .object({
    name: requiredText("Enter the agency's name."),
    state: z.enum(US_STATES.map((state) => state.code) as [string, ...string[]], "Choose the agency's state."),
    timeZone: plainText("Enter the agency's time zone.").check(
      z.minLength(1, "Enter the agency's time zone."),
      z.maxLength(100, "Use 100 characters or fewer"),
      z.refine(isValidTimeZone, "Enter a time zone by its IANA name, such as America/Chicago."),
    ),
    lawEnforcementClockHours: reportHours("LAW_ENFORCEMENT_REPORT"),
    ncmecClockHours: reportHours("NCMEC_REPORT"),
    caseworkerSecondFactorOptional: z.boolean("Say whether caseworkers may sign in without a second factor."),
    secondFactorOptionalReason: longText(null, 500),
    /** Who is told when a child goes missing, with each one's deadline in hours. */
    missingNotices: z.partialRecord(recipient, noticeHours),
    /** Who is told when a child returns, beyond law enforcement and NCMEC (the law's): from when the agency learned of the recovery. */
    returnNotices: z.partialRecord(recipient, noticeHours),
    /** Hours to tell law enforcement and NCMEC of a return, or to ask them to cancel their reports. */
    returnNoticeHours: ruleValue(AFTER_REPORT_RULE_BOUNDS.returnNoticeHours),
    debriefHours: ruleValue(AFTER_REPORT_RULE_BOUNDS.debriefHours),
    leadHours: ruleValue(AFTER_REPORT_RULE_BOUNDS.leadHours),
    longTermMissingDays: ruleValue(AFTER_REPORT_RULE_BOUNDS.longTermMissingDays),
    /** The recurring search reminder: both null is off, both set is on. */
    searchReminderEveryDays: ruleValue(AFTER_REPORT_RULE_BOUNDS.searchReminderEveryDays).nullable(),
    searchReminderForDays: ruleValue(AFTER_REPORT_RULE_BOUNDS.searchReminderForDays).nullable(),
    traffickingReportHours: ruleValue(AFTER_REPORT_RULE_BOUNDS.traffickingReportHours),
    traffickingClockForSuspected: z.boolean("Say whether the trafficking report clock also runs for a suspected victim."),
    /** The agency's own screening instruments, by name, added to the built-in list. */
    screeningInstruments: z.array(instrumentName).max(MAX_SCREENING_INSTRUMENTS, `List at most ${MAX_SCREENING_INSTRUMENTS} instruments.`),
    /** Reminders of a running clock: to the caseworker at these percentages of its time, to the on-call list this many minutes after the deadline. */
    reminderFirstPercent: z.number("Enter a whole number of percent."),
    reminderSecondPercent: z.number("Enter a whole number of percent."),
    escalationMinutes: z.number("Enter a whole number of minutes."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.caseworkerSecondFactorOptional && value.secondFactorOptionalReason === "") {
      ctx.addIssue({ code: "custom", path: ["secondFactorOptionalReason"], message: "Say why caseworkers may sign in without a second factor; the reason is kept." });
    }
    const reminder = searchReminderProblem(value.searchReminderEveryDays, value.searchReminderForDays);
    if (reminder) ctx.addIssue({ code: "custom", path: [reminder.field], message: reminder.message });
    for (const [field, message] of Object.entries(reminderSettingsProblems(value))) ctx.addIssue({ code: "custom", path: [field], message });
    value.screeningInstruments.forEach((name, index) => {
      if (value.screeningInstruments.findIndex((other) => other.toLowerCase() === name.toLowerCase()) < index) {
        ctx.addIssue({ code: "custom", path: ["screeningInstruments", index], message: "This instrument is already listed." });
      }
    });
  });
export type TAgencySettings = z.infer<typeof ZAgencySettingsSchema>;
