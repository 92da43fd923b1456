import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { parseStep } from "@/server/episodes/field-errors";
import { NOTICE_RECIPIENTS } from "@/domain/code-sets";
import { ZAgencySettingsSchema, type TAgencySettings } from "@/lib/schemas/agency-settings";
import { readAgencySettings } from "./agency-settings";

type Field = keyof TAgencySettings;
const FIELDS = [
  "name",
  "state",
  "timeZone",
  "lawEnforcementClockHours",
  "ncmecClockHours",
  "caseworkerSecondFactorOptional",
  "secondFactorOptionalReason",
  "missingNotices",
  "returnNotices",
  "returnNoticeHours",
  "debriefHours",
  "leadHours",
  "longTermMissingDays",
  "searchReminderEveryDays",
  "searchReminderForDays",
  "traffickingReportHours",
  "traffickingClockForSuspected",
  "screeningInstruments",
  "reminderFirstPercent",
  "reminderSecondPercent",
  "escalationMinutes",
] as const satisfies readonly Field[];

/** What a field holds as the audit records it (an empty reason or state is none). */
const recorded = (settings: TAgencySettings) => ({ ...settings, state: settings.state || null, secondFactorOptionalReason: settings.secondFactorOptionalReason || null });

/**
 * Changes the admin's own agency's settings: name, state, time zone, the reporting clocks' hours,
 * whether caseworkers may sign in without a second factor (with the reason), the notice lists (when
 * a child goes missing and when they return) and the rules after the report: the hours for the
 * return notices, the debrief, leads and the trafficking report (and whether its clock runs for a
 * suspected victim), the long-term checklist's days, the search reminder and the agency's own
 * screening instruments; and when running clocks remind people (src/domain/clock-reminders.ts).
 * The agency is always the actor's. A clock keeps the hours it started with: a change here applies
 * to clocks that start after it. Audited with what changed, before and after; a save that changes
 * nothing records nothing.
 */
export async function updateAgencySettings(actor: Actor, input: unknown, context: { requestId: string }): Promise<{ changed: readonly Field[] }> {
  assertCan(actor, "agency:manage");
  const { agencyId } = agencyScope(actor);
  const next = parseStep(ZAgencySettingsSchema, input);
  // The reason is kept only while the exemption is on.
  const settings: TAgencySettings = { ...next, secondFactorOptionalReason: next.caseworkerSecondFactorOptional ? next.secondFactorOptionalReason : "" };
  return db().$transaction(async (tx) => {
    const before = await readAgencySettings(tx, agencyId, { forUpdate: true });
    const changed = FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(settings[field]));
    if (changed.length === 0) return { changed };
    await tx.agency.update({
      where: { id: agencyId },
      data: {
        name: settings.name,
        state: settings.state,
        timeZone: settings.timeZone,
        lawEnforcementClockHours: settings.lawEnforcementClockHours,
        ncmecClockHours: settings.ncmecClockHours,
        caseworkerSecondFactorOptional: settings.caseworkerSecondFactorOptional,
        secondFactorOptionalReason: settings.secondFactorOptionalReason || null,
        returnNoticeHours: settings.returnNoticeHours,
        debriefHours: settings.debriefHours,
        leadHours: settings.leadHours,
        longTermMissingDays: settings.longTermMissingDays,
        searchReminderEveryDays: settings.searchReminderEveryDays,
        searchReminderForDays: settings.searchReminderForDays,
        traffickingReportHours: settings.traffickingReportHours,
        traffickingClockForSuspected: settings.traffickingClockForSuspected,
        screeningInstruments: settings.screeningInstruments,
        reminderFirstPercent: settings.reminderFirstPercent,
        reminderSecondPercent: settings.reminderSecondPercent,
        escalationMinutes: settings.escalationMinutes,
      },
    });
    for (const [event, list] of [["MISSING", settings.missingNotices], ["RETURN", settings.returnNotices]] as const) {
      const kept = NOTICE_RECIPIENTS.map(({ code }) => code).filter((code) => list[code] !== undefined);
      await tx.agencyNoticeRule.deleteMany({ where: { agencyId, event, recipient: { notIn: kept } } });
      for (const recipient of kept) {
        const hours = list[recipient]!;
        await tx.agencyNoticeRule.upsert({
          where: { agencyId_event_recipient: { agencyId, event, recipient } },
          create: { agencyId, event, recipient, hours },
          update: { hours },
        });
      }
    }
    const pick = (values: TAgencySettings) => Object.fromEntries(changed.map((field) => [field, recorded(values)[field]]));
    await audit(tx, auditWho(actor, context.requestId), "agency.settings_changed", { target: { type: "Agency", id: agencyId }, details: { before: pick(before), after: pick(settings) } });
    return { changed };
  });
}
