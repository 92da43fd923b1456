/**
 * The words of a clock's reminder, built when it is shown or e-mailed from the ids, codes and
 * instants the notification keeps. They go out by e-mail, so they name what is due and when, never
 * the child, the child's circumstances or a recipient that would say something about them (a notice
 * "to the child's tribe" would). A trafficking report is "a report to law enforcement": the word
 * must not reach an inbox, a phone's lock screen or a mail server's log.
 */
import { z } from "zod";
import { CLOCK_KINDS, type ClockKind } from "@/domain/clocks";
import type { ReminderThreshold } from "@/domain/clock-reminders";
import { formatInstant } from "@/lib/format-time";

/**
 * What is due, as a phrase that fits "Overdue: …". Written for e-mail rather than taken from
 * CLOCK_LABELS, whose short labels suit the case page (where "Notice" sits under its recipient and
 * the trafficking report may be named) but not an inbox.
 */
export const DUE_PHRASES: Record<ClockKind, string> = {
  LAW_ENFORCEMENT_REPORT: "the report to law enforcement",
  NCMEC_REPORT: "the report to NCMEC",
  MISSING_NOTICE: "a notice that a child is missing",
  NCIC_RECORDS_UPDATE: "the records for the NCIC record's update",
  LEAD_TO_LAW_ENFORCEMENT: "passing a search lead to law enforcement",
  SEARCH_REMINDER: "a search activity",
  RETURN_NOTICE: "a notice that a child is back",
  DEBRIEF: "the return debrief",
  TRAFFICKING_REPORT: "a report to law enforcement",
  CANCEL_NOTICE: "a request to cancel a report",
};

/** What a reminder's notification keeps: the episode (for the link), the clock, its kind and deadline. */
export const ZReminderDetailsSchema = z.object({
  episodeId: z.uuid(),
  clockId: z.uuid(),
  clockKind: z.enum(CLOCK_KINDS),
  deadline: z.iso.datetime(),
});
export type TReminderDetails = z.infer<typeof ZReminderDetailsSchema>;

const capitalised = (phrase: string) => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/** A reminder in words for a threshold; `timeZone` is the agency's, in which the deadline is said. */
export function reminderWords(threshold: ReminderThreshold, details: TReminderDetails, timeZone: string): { title: string; text: string } {
  const what = DUE_PHRASES[details.clockKind];
  const when = formatInstant(new Date(details.deadline), timeZone);
  switch (threshold) {
    case "half":
      return {
        title: `Due by ${when}: ${what}`,
        text: `Reminder: ${what} on one of your cases is due by ${when}. Open the case in Homeward to record it.`,
      };
    case "three-quarters":
      return {
        title: `Due soon: ${what}, by ${when}`,
        text: `Second reminder: ${what} on one of your cases is due by ${when}, and most of the time for it has passed. Open the case in Homeward to record it.`,
      };
    case "deadline":
      return {
        title: `Overdue: ${what}`,
        text: `${capitalised(what)} on an open case was due at ${when} and is not recorded as done. Record it, with the reason it is late, on the case in Homeward.`,
      };
    case "escalation":
      return {
        title: `Still overdue: ${what}`,
        text: `${capitalised(what)} on an open case was due at ${when} and is still not recorded as done. The agency's on-call list has been told. Open the case in Homeward to act on it.`,
      };
  }
}
