import type { ReminderThreshold } from "@/domain/clock-reminders";
import { reminderWords, ZReminderDetailsSchema } from "./reminder-words";

export type NotificationWords = { title: string; text: string };
/** What a notification keeps besides its kind: ids, codes and ISO instants, never words. */
export type NotificationDetails = Record<string, string>;

/**
 * Words built from a notification's details when it is shown or e-mailed (a deadline said in the
 * agency's time zone); null when the details are not what the kind needs, and the kind's fixed
 * words are used instead.
 */
type WordsFromDetails = (details: NotificationDetails, context: { timeZone: string }) => NotificationWords | null;

const reminder =
  (threshold: ReminderThreshold): WordsFromDetails =>
  (details, { timeZone }) => {
    const parsed = ZReminderDetailsSchema.safeParse(details);
    return parsed.success ? reminderWords(threshold, parsed.data, timeZone) : null;
  };

/**
 * What a person can be told, once: the words in the app and the e-mail's subject and text. No
 * child's data ever: a notice says what happened and what to do about it, and which episode it is
 * about is in its details (an id), never in the words.
 */
export const NOTIFICATION_KINDS = {
  "password.changed": {
    title: "Your password was changed",
    text: "The password of your Homeward account was changed. If you did not do this, tell your agency's admin at once.",
  },
  "second_factor.added": {
    title: "A second factor was added to your account",
    text: "An authenticator app was set up as the second factor of your Homeward account. If you did not do this, tell your agency's admin at once.",
  },
  "second_factor.reset": {
    title: "Your second factor was reset",
    text: "An admin reset the second factor of your Homeward account. You will set up a new one the next time you sign in.",
  },
  "recovery_code.used": {
    title: "A recovery code was used",
    text: "A recovery code was used to sign in to your Homeward account. If you did not do this, tell your agency's admin at once.",
  },
  "account.deactivated_unused": {
    title: "An unused account was deactivated",
    text: "An account of your agency that had not been used for 90 days was deactivated, as the security policy asks. An admin can reactivate it from the user list.",
  },
  // Closure sign-off: which episode is in the notification's details (an id), never in the words.
  "closure.requested": {
    title: "An episode is waiting for your sign-off",
    text: "A caseworker asked for an episode to be closed. In Homeward, open Cases and show \"Awaiting sign-off\" to approve it or return it with a comment.",
  },
  "closure.returned": {
    title: "A closure was returned to you",
    text: "A supervisor returned your request to close an episode, with a comment. Open your cases in Homeward to read the comment and answer it.",
  },
  "closure.approved": {
    title: "A closure was approved",
    text: "A supervisor approved your request to close an episode. It is now closed.",
  },
  // A supervisor's review of a submitted report (the reports themselves never wait for it).
  "review.requested": {
    title: "A report is waiting for your review",
    text: "A caseworker asked you to review a submitted missing-child report. Open it in Homeward to approve it or return it with a comment.",
  },
  "review.returned": {
    title: "A report was returned to you",
    text: "A supervisor returned a submitted report with a comment. Open the case in Homeward to read the comment, change what is asked and ask for review again.",
  },
  "review.approved": {
    title: "A report was approved",
    text: "A supervisor approved a submitted report after review.",
  },
  // Reassignment: both caseworkers are told.
  "episode.assigned_to_you": {
    title: "A case was assigned to you",
    text: "A supervisor assigned an open case to you. Open your cases in Homeward to see what is due.",
  },
  "episode.assigned_away": {
    title: "A case was reassigned",
    text: "A supervisor assigned one of your open cases to another caseworker. It is no longer on your list.",
  },
  // Reminders of a running clock (src/domain/clock-reminders.ts): what is due and when come from the details.
  "reminder.half": {
    title: "A deadline is coming up",
    text: "Something on one of your cases is due soon. Open your cases in Homeward to see what is due.",
    words: reminder("half"),
  },
  "reminder.three_quarters": {
    title: "A deadline is close",
    text: "Something on one of your cases is due soon and most of the time for it has passed. Open your cases in Homeward to see what is due.",
    words: reminder("three-quarters"),
  },
  "reminder.deadline": {
    title: "Something on an open case is overdue",
    text: "A deadline on an open case has passed without being met. Open the case in Homeward to see what is overdue.",
    words: reminder("deadline"),
  },
  "reminder.escalation": {
    title: "Something on an open case is still overdue",
    text: "A deadline on an open case passed some time ago and is still not met. The agency's on-call list has been told. Open the case in Homeward to act on it.",
    words: reminder("escalation"),
  },
} as const satisfies Record<string, NotificationWords & { words?: WordsFromDetails }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/** The notification kind of each reminder threshold. */
export const REMINDER_KINDS = {
  half: "reminder.half",
  "three-quarters": "reminder.three_quarters",
  deadline: "reminder.deadline",
  escalation: "reminder.escalation",
} as const satisfies Record<ReminderThreshold, NotificationKind>;

/** A notification in words: built from its details when its kind says how, else the kind's own. */
export function notificationWords(kind: NotificationKind, details: NotificationDetails, context: { timeZone: string }): NotificationWords {
  const entry: NotificationWords & { words?: WordsFromDetails } = NOTIFICATION_KINDS[kind];
  const built = entry.words?.(details, context);
  return built ?? { title: entry.title, text: entry.text };
}

/**
 * A notification as an e-mail: its words and a link to sign in (to the notifications page, where
 * the link to the case is). The link carries nothing about the case or the person.
 */
export function notificationEmail(kind: NotificationKind, details: NotificationDetails, context: { timeZone: string; origin: string }): { subject: string; text: string } {
  const words = notificationWords(kind, details, context);
  return { subject: words.title, text: `${words.text}\n\nSign in to Homeward to read your notifications: ${context.origin}/notifications` };
}

/** The details as the notification row keeps them (a JSON object of strings); anything else is none. */
export function detailsOf(value: unknown): NotificationDetails {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
