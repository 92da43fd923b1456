import { z } from "zod";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): People, teams and
 * invitations (admins' account management). Account changes are recorded with what they were
 * before and after (CJIS account management): a staff member's name and e-mail address, roles,
 * team, on-call and active. Never a password hash, a second-factor secret, a recovery code or a
 * link's secret.
 */
const uuid = z.uuid();
const role = z.enum(["CASEWORKER", "SUPERVISOR", "ADMIN"]);

/** The fields of an account an admin changes; in a change, only those that changed. */
const ZAccountFieldsSchema = z
  .object({
    name: z.string().max(200),
    email: z.string().max(254),
    roles: z.array(role).max(3),
    teamId: uuid.nullable(),
    onCall: z.boolean(),
    active: z.boolean(),
  })
  .partial()
  .strict();

/** How a single-use link reached the person: e-mailed, or shown once to the admin (or operator) to pass on. */
const delivery = z.enum(["emailed", "shown"]);

export const PEOPLE_EVENTS = {
  "user.invited": { label: "Person invited", details: z.object({ after: ZAccountFieldsSchema, delivery }).strict() },
  "user.invitation_resent": { label: "Invitation sent again", details: z.object({ delivery }).strict() },
  "user.updated": { label: "Person's account changed", details: z.object({ before: ZAccountFieldsSchema, after: ZAccountFieldsSchema }).strict() },
  "user.deactivated": {
    label: "Person deactivated",
    details: z.object({ sessionsEnded: z.int(), linksRevoked: z.int(), openEpisodes: z.int() }).strict(),
  },
  "user.reactivated": { label: "Person reactivated", details: z.object({}).strict() },
  "user.password_change_required": { label: "New password required", details: z.object({ sessionsEnded: z.int() }).strict() },
  "user.password_reset_sent": { label: "Password reset link issued", details: z.object({ delivery }).strict() },
  "user.second_factor_reset": {
    label: "Second factor reset by an admin",
    details: z.object({ sessionsEnded: z.int(), recoveryCodesDeleted: z.int() }).strict(),
  },
  "episode.reassigned": { label: "Case reassigned", details: z.object({ fromUserId: uuid, toUserId: uuid }).strict() },
  "user.change_refused": {
    label: "Account change refused",
    details: z
      .object({
        change: z.enum(["invite", "update", "deactivate", "resend-invitation", "reassign"]),
        reason: z.enum(["last-admin", "self", "email-in-use", "not-invited", "inactive", "not-a-caseworker", "no-team"]),
      })
      .strict(),
  },
  "team.created": { label: "Team created", details: z.object({ name: z.string().max(100) }).strict() },
  "team.renamed": { label: "Team renamed", details: z.object({ before: z.object({ name: z.string() }).strict(), after: z.object({ name: z.string() }).strict() }).strict() },
  "team.supervisors_set": {
    label: "Team's supervisors changed",
    details: z.object({ before: z.array(uuid), after: z.array(uuid) }).strict(),
  },
  "team.deleted": { label: "Team deleted", details: z.object({ name: z.string().max(100) }).strict() },
  "team.change_refused": {
    label: "Team change refused",
    details: z.object({ reason: z.enum(["name-in-use", "not-empty", "not-a-supervisor"]) }).strict(),
  },
  "agency.created": {
    label: "Agency added by an operator",
    details: z.object({ name: z.string().max(200), state: z.string().length(2), timeZone: z.string().max(100) }).strict(),
  },
  "teams.listed": { label: "Viewed the teams", details: z.object({ count: z.int() }).strict() },
  "on_call.set": { label: "On-call list changed", details: z.object({ before: z.array(uuid), after: z.array(uuid) }).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
