import { z } from "zod";
import { NOTICE_RECIPIENTS, US_STATES } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { reportClockHoursProblem, type ReportClockKind } from "@/domain/clocks";
import { noticeHoursProblem } from "@/domain/notice-rules";
import { isValidTimeZone } from "@/domain/zoned-time";
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

/** The agency settings form, shared by the page (client) and the route (server, which parses again). */
export const ZAgencySettingsSchema = z
  .object({
    name: requiredText("Enter the agency's name."),
    state: z.enum(US_STATES.map((state) => state.code) as [string, ...string[]], "Choose the agency's state."),
    timeZone: plainText("Enter the agency's time zone.")
      .min(1, "Enter the agency's time zone.")
      .max(100, "Use 100 characters or fewer")
      .refine(isValidTimeZone, "Enter a time zone by its IANA name, such as America/Chicago."),
    lawEnforcementClockHours: reportHours("LAW_ENFORCEMENT_REPORT"),
    ncmecClockHours: reportHours("NCMEC_REPORT"),
    caseworkerSecondFactorOptional: z.boolean("Say whether caseworkers may sign in without a second factor."),
    secondFactorOptionalReason: longText(null, 500),
    /** Who is told when a child goes missing, with each one's deadline in hours. */
    missingNotices: z.partialRecord(recipient, noticeHours),
    /** Who is told when a child returns (their clocks start when returns are recorded). */
    returnNotices: z.partialRecord(recipient, noticeHours),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.caseworkerSecondFactorOptional && value.secondFactorOptionalReason === "") {
      ctx.addIssue({ code: "custom", path: ["secondFactorOptionalReason"], message: "Say why caseworkers may sign in without a second factor; the reason is kept." });
    }
  });
export type TAgencySettings = z.infer<typeof ZAgencySettingsSchema>;
