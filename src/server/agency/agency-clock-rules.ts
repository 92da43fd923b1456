import "server-only";
import { NOTICE_RECIPIENTS } from "@/domain/code-sets";
import type { AgencyClockRules } from "@/domain/episode-clocks";
import type { NoticeHours } from "@/domain/notice-rules";

/** The agency's columns its clock rules are made of: selected by whoever reads them (an episode, the settings). */
export const AGENCY_RULE_COLUMNS = {
  lawEnforcementClockHours: true,
  ncmecClockHours: true,
  returnNoticeHours: true,
  debriefHours: true,
  leadHours: true,
  longTermMissingDays: true,
  searchReminderEveryDays: true,
  searchReminderForDays: true,
  traffickingReportHours: true,
  traffickingClockForSuspected: true,
  noticeRules: { select: { event: true, recipient: true, hours: true } },
} as const;

type RuleColumns = {
  lawEnforcementClockHours: number;
  ncmecClockHours: number;
  returnNoticeHours: number;
  debriefHours: number;
  leadHours: number;
  longTermMissingDays: number;
  searchReminderEveryDays: number | null;
  searchReminderForDays: number | null;
  traffickingReportHours: number;
  traffickingClockForSuspected: boolean;
  noticeRules: readonly { event: string; recipient: string; hours: number }[];
};

/** The agency's notice list for one event, in the code set's order. */
export function noticeList(agency: Pick<RuleColumns, "noticeRules">, event: "MISSING" | "RETURN"): NoticeHours {
  return Object.fromEntries(
    NOTICE_RECIPIENTS.flatMap(({ code }) => {
      const rule = agency.noticeRules.find((r) => r.event === event && r.recipient === code);
      return rule ? [[code, rule.hours]] : [];
    }),
  );
}

/** The agency's rules for new clocks, in the domain's terms. */
export function agencyClockRules(agency: RuleColumns): AgencyClockRules {
  const { searchReminderEveryDays: everyDays, searchReminderForDays: forDays } = agency;
  return {
    reportHours: { LAW_ENFORCEMENT_REPORT: agency.lawEnforcementClockHours, NCMEC_REPORT: agency.ncmecClockHours },
    missingNotices: noticeList(agency, "MISSING"),
    returnNotices: noticeList(agency, "RETURN"),
    returnNoticeHours: agency.returnNoticeHours,
    debriefHours: agency.debriefHours,
    leadHours: agency.leadHours,
    longTermMissingDays: agency.longTermMissingDays,
    searchReminder: everyDays && forDays ? { everyDays, forDays } : null,
    traffickingReportHours: agency.traffickingReportHours,
    traffickingClockForSuspected: agency.traffickingClockForSuspected,
  };
}
