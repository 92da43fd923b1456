import { z } from "zod";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): Passwords, second factors, the person's own account.
 * Details hold reasons and counts only: never a password, a code, a secret or a link.
 */
const none = z.object({}).strict();
const passwordVia = z.enum(["profile", "required", "invitation", "reset"]);

export const SIGN_IN_EVENTS = {
  "auth.code_accepted": { label: "Second factor's code accepted", details: none },
  "auth.code_refused": {
    label: "Second factor's code refused",
    details: z.object({ reason: z.enum(["wrong", "locked"]), failedSignInCount: z.int().optional() }).strict(),
  },
  "auth.code_replayed": { label: "Second factor's code refused: already used", details: none },
  "auth.recovery_code_used": { label: "Signed in with a recovery code", details: z.object({ remaining: z.int() }).strict() },
  "account.second_factor_set_up": { label: "Second factor set up", details: z.object({ replaced: z.boolean() }).strict() },
  "account.second_factor_removed": { label: "Second factor removed by its owner", details: none },
  "account.recovery_codes_regenerated": { label: "New recovery codes made", details: z.object({ count: z.int() }).strict() },
  "account.password_changed": { label: "Password changed", details: z.object({ via: passwordVia }).strict() },
  "account.password_change_refused": {
    label: "Password change refused",
    details: z.object({ reason: z.enum(["wrong-current-password", "policy"]) }).strict(),
  },
  "account.link_refused": {
    label: "Account link refused",
    details: z.object({ purpose: z.enum(["INVITATION", "PASSWORD_RESET"]), problem: z.enum(["unknown", "expired", "used", "revoked", "inactive"]) }).strict(),
  },
  "account.invitation_accepted": { label: "Invitation accepted: password chosen", details: none },
  "account.sessions_ended": {
    label: "Sessions ended",
    details: z
      .object({ reason: z.enum(["PASSWORD_CHANGED", "PASSWORD_RESET", "ENDED_BY_USER", "SECOND_FACTOR_RESET"]), count: z.int() })
      .strict(),
  },
  "notifications.read": { label: "Notices marked as read", details: z.object({ count: z.int() }).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
