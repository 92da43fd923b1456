import { z } from "zod";
import { SEARCH_ACTIVITY_KINDS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { longText, optionalText, requiredText, wallTime, pageVersion } from "./fields";

/**
 * The forms of the search while the child is missing, shared by the case page and the server (which
 * parses again). Times are wall times in the agency's time zone; every body carries the version of
 * the episode the page showed.
 */
const version = pageVersion;

/** One thing done to find the child; a lead must then be passed to law enforcement. */
export const ZSearchActivitySchema = z
  .object({
    version,
    kind: z.enum(codesOf(SEARCH_ACTIVITY_KINDS), "Choose what was done"),
    at: wallTime("Enter the date and time it was done."),
    contactedPerson: optionalText(200),
    outcome: longText(null, 2000),
    note: longText(null, 4000),
    isLead: z.boolean("Say whether this gave a lead."),
  })
  .strict();
export type TSearchActivity = z.infer<typeof ZSearchActivitySchema>;

/** A lead passed to law enforcement: when, to whom, and why when after its deadline. */
export const ZLeadPassedSchema = z
  .object({
    version,
    passedAt: wallTime("Enter the date and time the lead was passed on."),
    passedTo: requiredText("Enter who at law enforcement the lead was given to.", 200),
    lateReason: longText(null, 1000),
  })
  .strict();
export type TLeadPassed = z.infer<typeof ZLeadPassedSchema>;

/** The medical and dental records and a recent photo sent to law enforcement for the NCIC record's update. */
export const ZNcicRecordsSentSchema = z
  .object({
    version,
    sentAt: wallTime("Enter the date and time the records were sent."),
  })
  .strict();
export type TNcicRecordsSent = z.infer<typeof ZNcicRecordsSentSchema>;

/** An item of the long-term checklist marked done (the item is in the address). */
export const ZLongTermItemDoneSchema = z.object({ version }).strict();
