import { z } from "zod";
import { EPISODE_NOTICE_EVENTS, NOTICE_AUTHORITIES, NOTICE_NOT_APPLICABLE_REASONS, NOTICE_RECIPIENTS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the agency's rules,
 * notices and the audit trail itself. A settings change is recorded with what it was before and
 * after (only what changed). The audit trail's filters are ids, codes and calendar dates.
 */
const recipient = z.enum(codesOf(NOTICE_RECIPIENTS));
/** An episode's notice: to anyone on a list or to law enforcement or NCMEC; of a child missing, returned, or a report to cancel. */
const noticeRecipient = z.enum([...codesOf(NOTICE_AUTHORITIES), ...codesOf(NOTICE_RECIPIENTS)]);
const noticeEvent = z.enum(EPISODE_NOTICE_EVENTS);

/** The agency's settings, as a change records them; in a change, only those that changed. */
const ZAgencySettingsFieldsSchema = z
  .object({
    name: z.string().max(200),
    state: z.string().max(2).nullable(),
    timeZone: z.string().max(100),
    lawEnforcementClockHours: z.int(),
    ncmecClockHours: z.int(),
    caseworkerSecondFactorOptional: z.boolean(),
    secondFactorOptionalReason: z.string().max(500).nullable(),
    /** Who is told when a child goes missing, and within how many hours. */
    missingNotices: z.partialRecord(recipient, z.int()),
    /** Who is told when a child returns, and within how many hours. */
    returnNotices: z.partialRecord(recipient, z.int()),
    returnNoticeHours: z.int(),
    debriefHours: z.int(),
    leadHours: z.int(),
    longTermMissingDays: z.int(),
    searchReminderEveryDays: z.int().nullable(),
    searchReminderForDays: z.int().nullable(),
    traffickingReportHours: z.int(),
    traffickingClockForSuspected: z.boolean(),
    /** The agency's own screening instruments' names (the agency's rules, not a person's words about a child). */
    screeningInstruments: z.array(z.string().max(100)).max(20),
    /** When running clocks remind people: percentages of the clock's time, and minutes after the deadline. */
    reminderFirstPercent: z.int(),
    reminderSecondPercent: z.int(),
    escalationMinutes: z.int(),
  })
  .partial()
  .strict();

/** The filters of an audit-trail view or export: ids, codes and calendar dates only. */
const ZAuditFiltersSchema = z
  .object({
    actorUserId: z.uuid().optional(),
    action: z.string().max(100).optional(),
    targetType: z.string().max(40).optional(),
    targetId: z.string().max(100).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();

export const AGENCY_EVENTS = {
  "agency.settings_changed": {
    label: "Agency settings changed",
    details: z.object({ before: ZAgencySettingsFieldsSchema, after: ZAgencySettingsFieldsSchema }).strict(),
  },
  "notice.sent_recorded": { label: "Notice recorded as sent", details: z.object({ recipient: noticeRecipient, event: noticeEvent, late: z.boolean() }).strict() },
  "notice.not_applicable": {
    label: "Notice marked not applicable",
    details: z.object({ recipient: noticeRecipient, event: noticeEvent, reason: z.enum(codesOf(NOTICE_NOT_APPLICABLE_REASONS)) }).strict(),
  },
  "audit.searched": { label: "Searched the audit trail", details: z.object({ filters: ZAuditFiltersSchema, results: z.int(), more: z.boolean() }).strict() },
  "audit.exported": { label: "Exported the audit trail (CSV)", details: z.object({ filters: ZAuditFiltersSchema, rows: z.int(), truncated: z.boolean() }).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
