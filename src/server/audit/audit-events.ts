import { z } from "zod";
import { FORM_STEP_KEYS, stepTitle } from "@/domain/steps";
import { LAW_ENFORCEMENT_OUTCOMES, NCMEC_METHODS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { PEOPLE_EVENTS } from "./catalogue/people";
import { SIGN_IN_EVENTS } from "./catalogue/sign-in";
import { AGENCY_EVENTS } from "./catalogue/agency";
import { JOB_EVENTS } from "./catalogue/jobs";
import { SEARCH_EVENTS } from "./catalogue/search";
import { RECOVERY_EVENTS } from "./catalogue/recovery";
import { DEBRIEF_EVENTS } from "./catalogue/debrief";
import { CLOSURE_EVENTS } from "./catalogue/closure";
import { SUPERVISION_EVENTS } from "./catalogue/supervision";
import { REMINDER_EVENTS } from "./catalogue/reminders";
import { REPORT_EVENTS } from "./catalogue/reports";
import { DASHBOARD_EVENTS } from "./catalogue/dashboard";
import { BACKUP_EVENTS } from "./catalogue/backups";

/**
 * Every kind of event the audit trail records: the schema of its details and its words, once.
 * Add to this catalogue; never rename a key (the trail keeps them). Details hold ids, codes and
 * counts, never a child's name, a date of birth or anything else a person typed. Areas with many
 * events keep theirs in ./catalogue/ and are merged in here; a key must be unique across them.
 */
const none = z.object({}).strict();
const uuid = z.uuid();

export const AUDIT_EVENTS = {
  "auth.sign_in": { label: "Signed in", details: none },
  "auth.sign_in_failed": {
    label: "Sign-in failed",
    details: z.object({ reason: z.enum(["inactive", "unknown-email", "wrong-password"]), failedSignInCount: z.int().optional() }).strict(),
  },
  "auth.sign_in_refused_locked": { label: "Sign-in refused: account locked", details: z.object({ lockedUntil: z.iso.datetime() }).strict() },
  "auth.locked": { label: "Account locked after failed sign-ins", details: z.object({ lockedUntil: z.iso.datetime() }).strict() },
  "auth.sign_out": { label: "Signed out", details: z.object({ reason: z.literal("SIGN_OUT") }).strict() },
  "auth.session_ended": { label: "Session ended", details: z.object({ reason: z.enum(["IDLE", "ABSOLUTE", "DEACTIVATED"]) }).strict() },
  "users.listed": { label: "Viewed the user list", details: z.object({ count: z.int() }).strict() },
  "user.viewed": { label: "Viewed a user", details: none },
  "audit.viewed": { label: "Viewed the audit trail", details: z.object({ page: z.int() }).strict() },
  "children.searched": { label: "Searched the children", details: z.object({ results: z.int() }).strict() },
  "child.created": { label: "Child added", details: none },
  "child.updated": { label: "Child's details changed", details: none },
  "episode.created": { label: "Report started", details: z.object({ childId: uuid, repeat: z.boolean() }).strict() },
  "episode.viewed": { label: "Case viewed", details: none },
  "episode.change_refused": {
    label: "Change to a case refused",
    // `reason` is a code a use case chose (e.g. "not-recovered", "own-episode"), never words a person typed.
    details: z.object({ change: z.string().regex(/^[a-z-]+$/), reason: z.string().regex(/^[a-z-]+$/) }).strict(),
  },
  "episode.step_saved": { label: "Saved a step", details: z.object({ step: z.enum(FORM_STEP_KEYS), version: z.int() }).strict() },
  "episode.submitted": { label: "Report submitted", details: none },
  "episodes.listed": { label: "Viewed the case list", details: z.object({ stage: z.string().max(40), page: z.union([z.int(), z.enum(["first", "after", "before"])]), results: z.int() }).strict() },
  "law_enforcement.recorded": {
    label: "Law-enforcement report recorded",
    details: z.object({ outcome: z.enum(codesOf(LAW_ENFORCEMENT_OUTCOMES)), late: z.boolean() }).strict(),
  },
  "ncmec.recorded": { label: "NCMEC report recorded", details: z.object({ method: z.enum(codesOf(NCMEC_METHODS)), late: z.boolean() }).strict() },
  "photo.added": {
    label: "Photo added",
    details: z.object({ photoId: uuid, sha256: z.string().regex(/^[0-9a-f]{64}$/), sourceFormat: z.string().max(10) }).strict(),
  },
  "photo.removed": { label: "Photo removed", details: z.object({ photoId: uuid }).strict() },
  "photos.listed": { label: "Viewed the photos", details: z.object({ count: z.int() }).strict() },
  "photo.viewed": { label: "Viewed a photo", details: z.object({ photoId: uuid, size: z.enum(["display", "thumbnail"]) }).strict() },
  "episode.amended": { label: "Report changed after it was submitted", details: z.object({ step: z.enum(FORM_STEP_KEYS) }).strict() },
  "episode.update_sent": { label: "Changes sent to NCMEC and law enforcement", details: z.object({ amendments: z.int() }).strict() },
  "access.refused": {
    label: "Access refused",
    // The route's pattern (ids taken out), never the URL a person asked for.
    details: z.object({ reason: z.enum(["not-found", "forbidden", "cross-site"]), route: z.string().max(200) }).strict(),
  },
  "rate_limit.refused": {
    label: "Refused: too many requests",
    details: z.object({ limit: z.enum(["sign-in-address", "sign-in-all", "account-link-address", "photo-upload", "packet"]) }).strict(),
  },
  "user.unlocked": { label: "Account unlocked by an admin", details: none },
  "packet.generated": {
    label: "Report packet generated",
    details: z
      .object({ variant: z.enum(["full", "public-safe"]), format: z.enum(["pdf", "json"]), status: z.enum(["draft", "final"]), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict(),
  },
  ...PEOPLE_EVENTS,
  ...SIGN_IN_EVENTS,
  ...AGENCY_EVENTS,
  ...JOB_EVENTS,
  ...SEARCH_EVENTS,
  ...RECOVERY_EVENTS,
  ...DEBRIEF_EVENTS,
  ...CLOSURE_EVENTS,
  ...SUPERVISION_EVENTS,
  ...REMINDER_EVENTS,
  ...REPORT_EVENTS,
  ...DASHBOARD_EVENTS,
  ...BACKUP_EVENTS,
} as const satisfies Record<string, { label: string; details: z.ZodType }>;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]["details"]>;
export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, value);
}

const OUTCOME_WORDS = { SUCCESS: "", FAILURE: " (failed)", DENIED: " (refused)" } as const;

/**
 * One event in words, for the admin's audit trail and the case history: the catalogue's label, and
 * what the details add that a reader needs ("Saved a step: Risks"). Never a raw action code: an
 * action the catalogue does not know (a newer version's) says so in words.
 */
export function describeAuditEvent(event: { action: string; outcome: keyof typeof OUTCOME_WORDS; details: unknown }): string {
  if (!isAuditAction(event.action)) return "An event this version does not describe";
  const base = AUDIT_EVENTS[event.action].label + OUTCOME_WORDS[event.outcome];
  if (event.action === "episode.step_saved") {
    const details = AUDIT_EVENTS["episode.step_saved"].details.safeParse(event.details);
    return details.success ? `${base}: ${stepTitle(details.data.step)}` : base;
  }
  return base;
}
