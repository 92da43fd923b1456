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
} as const satisfies Record<string, { title: string; text: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}
