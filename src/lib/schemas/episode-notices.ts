import { z } from "zod";
import { EPISODE_NOTICE_EVENTS, NOTICE_NOT_APPLICABLE_REASONS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { longText, optionalText, wallTime, pageVersion } from "./fields";


/** Which notice: of the child missing (the default, as before return notices existed), returned, or a report to cancel. */
const event = z.enum(EPISODE_NOTICE_EVENTS, "Choose which notice this is.").default("MISSING");

/**
 * A notice recorded as sent: when, in the agency's time zone, and why when late. A return or
 * cancellation notice also says who told them, the person told and how, and for law enforcement and
 * NCMEC whether the NCIC entry was cleared or NCMEC's case closed (null: not known).
 */
export const ZNoticeSentSchema = z
  .object({
    version: pageVersion,
    event,
    sentAt: wallTime("Enter the date and time the notice was given."),
    lateReason: longText(null, 1000),
    toldBy: z._default(optionalText(200), ""),
    toWhom: z._default(optionalText(200), ""),
    method: z._default(optionalText(100), ""),
    confirmed: z.boolean("Say whether it was confirmed, or that it is not known.").nullable().default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.event === "MISSING") return;
    const required = [
      ["toldBy", "Enter who told them."],
      ["toWhom", "Enter the person who was told."],
      ["method", "Enter how they were told (phone, e-mail, in person, a portal)."],
    ] as const;
    for (const [field, message] of required) if (value[field] === "") ctx.addIssue({ code: "custom", path: [field], message });
  });
export type TNoticeSent = z.infer<typeof ZNoticeSentSchema>;

/** A notice marked not applicable for this child: the reason, and a note (required for "other"). */
export const ZNoticeNotApplicableSchema = z
  .object({
    version: pageVersion,
    event,
    reason: z.enum(codesOf(NOTICE_NOT_APPLICABLE_REASONS), "Choose why this notice does not apply."),
    note: longText(null, 1000),
  })
  .strict();
export type TNoticeNotApplicable = z.infer<typeof ZNoticeNotApplicableSchema>;
