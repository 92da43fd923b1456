import { z } from "zod";
import { NOTICE_NOT_APPLICABLE_REASONS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { longText, wallTime } from "./fields";

const STALE_PAGE = "This page is out of date: reload it, then try again.";
const version = z.int(STALE_PAGE).min(1, STALE_PAGE).max(2_147_483_647, STALE_PAGE);

/** A notice recorded as sent: when, in the agency's time zone, and why when late. */
export const ZNoticeSentSchema = z
  .object({
    version,
    sentAt: wallTime("Enter the date and time the notice was given."),
    lateReason: longText(null, 1000),
  })
  .strict();
export type TNoticeSent = z.infer<typeof ZNoticeSentSchema>;

/** A notice marked not applicable for this child: the reason, and a note (required for "other"). */
export const ZNoticeNotApplicableSchema = z
  .object({
    version,
    reason: z.enum(codesOf(NOTICE_NOT_APPLICABLE_REASONS), "Choose why this notice does not apply."),
    note: longText(null, 1000),
  })
  .strict();
export type TNoticeNotApplicable = z.infer<typeof ZNoticeNotApplicableSchema>;
