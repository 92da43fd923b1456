/**
 * What a person can be told, once: the words in the app and the e-mail's subject and text. No
 * child's data ever: a notice says what happened to the account and what to do about it.
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
} as const satisfies Record<string, { title: string; text: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}
