import "server-only";
import type { Tx } from "@/server/db";
import { NOTICE_RECIPIENTS } from "@/domain/code-sets";
import type { NoticeHours } from "@/domain/notice-rules";
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
      lawEnforcementClockHours: true,
      ncmecClockHours: true,
      caseworkerSecondFactorOptional: true,
      secondFactorOptionalReason: true,
      returnNoticeHours: true,
      debriefHours: true,
      leadHours: true,
      longTermMissingDays: true,
      searchReminderEveryDays: true,
      searchReminderForDays: true,
      traffickingReportHours: true,
      traffickingClockForSuspected: true,
      screeningInstruments: true,
      noticeRules: { select: { recipient: true, event: true, hours: true } },
    },
  });
  const list = (event: "MISSING" | "RETURN"): NoticeHours =>
    Object.fromEntries(
      NOTICE_RECIPIENTS.flatMap(({ code }) => {
        const rule = agency.noticeRules.find((r) => r.event === event && r.recipient === code);
        return rule ? [[code, rule.hours]] : [];
      }),
    );
  return {
    name: agency.name,
    state: agency.state ?? "",
    timeZone: agency.timeZone,
    lawEnforcementClockHours: agency.lawEnforcementClockHours,
    ncmecClockHours: agency.ncmecClockHours,
    caseworkerSecondFactorOptional: agency.caseworkerSecondFactorOptional,
    secondFactorOptionalReason: agency.secondFactorOptionalReason ?? "",
    missingNotices: list("MISSING"),
    returnNotices: list("RETURN"),
    returnNoticeHours: agency.returnNoticeHours,
    debriefHours: agency.debriefHours,
    leadHours: agency.leadHours,
    longTermMissingDays: agency.longTermMissingDays,
    searchReminderEveryDays: agency.searchReminderEveryDays,
    searchReminderForDays: agency.searchReminderForDays,
    traffickingReportHours: agency.traffickingReportHours,
    traffickingClockForSuspected: agency.traffickingClockForSuspected,
    screeningInstruments: agency.screeningInstruments,
  };
}
