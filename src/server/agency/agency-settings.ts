import "server-only";
import type { Tx } from "@/server/db";
import { AGENCY_RULE_COLUMNS, noticeList } from "./agency-clock-rules";
import type { TAgencySettings } from "@/lib/schemas/agency-settings";

/** The agency's settings as the settings form holds them, read inside a transaction. */
export async function readAgencySettings(tx: Tx, agencyId: string, options: { forUpdate?: boolean } = {}): Promise<TAgencySettings> {
  // Locked first when about to change, so two admins saving at once apply one after the other.
  if (options.forUpdate) await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
  const agency = await tx.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: {
      name: true,
      state: true,
      timeZone: true,
      ...AGENCY_RULE_COLUMNS,
      caseworkerSecondFactorOptional: true,
      secondFactorOptionalReason: true,
      screeningInstruments: true,
      reminderFirstPercent: true,
      reminderSecondPercent: true,
      escalationMinutes: true,
    },
  });
  return {
    name: agency.name,
    state: agency.state ?? "",
    timeZone: agency.timeZone,
    lawEnforcementClockHours: agency.lawEnforcementClockHours,
    ncmecClockHours: agency.ncmecClockHours,
    caseworkerSecondFactorOptional: agency.caseworkerSecondFactorOptional,
    secondFactorOptionalReason: agency.secondFactorOptionalReason ?? "",
    missingNotices: noticeList(agency, "MISSING"),
    returnNotices: noticeList(agency, "RETURN"),
    returnNoticeHours: agency.returnNoticeHours,
    debriefHours: agency.debriefHours,
    leadHours: agency.leadHours,
    longTermMissingDays: agency.longTermMissingDays,
    searchReminderEveryDays: agency.searchReminderEveryDays,
    searchReminderForDays: agency.searchReminderForDays,
    traffickingReportHours: agency.traffickingReportHours,
    traffickingClockForSuspected: agency.traffickingClockForSuspected,
    screeningInstruments: agency.screeningInstruments,
    reminderFirstPercent: agency.reminderFirstPercent,
    reminderSecondPercent: agency.reminderSecondPercent,
    escalationMinutes: agency.escalationMinutes,
  };
}
