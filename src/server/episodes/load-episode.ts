import "server-only";
import { calendarDateOf } from "@/domain/zoned-time";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { isUuid } from "@/lib/uuid";
import { isFormStepKey } from "@/domain/steps";
import type { EpisodeFacts } from "@/domain/episode-facts";
import type { ReportClockKind } from "@/domain/clocks";
import type { ClockRules } from "@/domain/episode-progress";
import { NOTICE_RECIPIENTS } from "@/domain/code-sets";
import type { NoticeHours } from "@/domain/notice-rules";
import {
  readChildProfile,
  readContacts,
  readDescription,
  readGuardian,
  readMissingEventDetails,
  readPrefill,
  readRisks,
  readStepVersions,
} from "./episode-documents";

const SELECT = {
  id: true,
  agencyId: true,
  version: true,
  stepVersions: true,
  completedSteps: true,
  discoveredAt: true,
  lastSeenAt: true,
  missingEvent: true,
  description: true,
  risks: true,
  contacts: true,
  guardian: true,
  prefill: true,
  submittedAt: true,
  closedAt: true,
  createdAt: true,
  caseworkerId: true,
  caseworker: { select: { name: true } },
  agency: {
    select: {
      name: true,
      timeZone: true,
      lawEnforcementClockHours: true,
      ncmecClockHours: true,
      noticeRules: { where: { event: "MISSING" }, select: { recipient: true, hours: true } },
    },
  },
  child: { select: { id: true, firstName: true, middleName: true, lastName: true, dateOfBirth: true, agencyCaseNumber: true, underAgencyGuardianship: true, profile: true } },
  lawEnforcementReport: true,
  ncmecReport: true,
  clocks: { select: { kind: true, subject: true, ruleHours: true } },
  notices: { where: { event: "MISSING" }, select: { recipient: true, sentAt: true, notApplicableReason: true, note: true, recordedById: true, recordedAt: true } },
  amendments: { select: { step: true, amendedAt: true, sentAt: true }, orderBy: { amendedAt: "asc" } },
  _count: { select: { photos: true } },
} as const;

/** One episode as every use case and page sees it: its facts in domain types, and who and where. */
export type LoadedEpisode = {
  facts: EpisodeFacts;
  agencyName: string;
  caseworkerName: string;
  /** The hours each existing clock started with, and the agency's rules for new ones. */
  rules: ClockRules;
};

/**
 * Loads an episode through the agency scope (another agency's episode is not found) and parses
 * every stored document into the domain's types. `forUpdate` locks the row first, so that
 * concurrent saves of one episode run one after another.
 */
export async function loadEpisode(tx: Tx, actor: Actor, episodeId: string, options: { forUpdate?: boolean } = {}): Promise<LoadedEpisode> {
  if (!isUuid(episodeId)) throw new NotFoundError();
  const scope = agencyScope(actor);
  if (options.forUpdate) {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Episode" WHERE "id" = ${episodeId}::uuid AND "agencyId" = ${scope.agencyId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError();
  }
  const row = await tx.episode.findFirst({ where: scope.where({ id: episodeId }), select: SELECT });
  if (!row) throw new NotFoundError();
  const le = row.lawEnforcementReport;
  const ncmec = row.ncmecReport;
  const started: Partial<Record<ReportClockKind, number>> = {};
  // Clock rows exist once the missing event started them; from then on the notice list is theirs.
  const startedNotices: NoticeHours | null = row.clocks.length > 0 ? {} : null;
  for (const clock of row.clocks) {
    if (clock.kind !== "MISSING_NOTICE") started[clock.kind] ??= clock.ruleHours;
    else {
      const recipient = NOTICE_RECIPIENTS.find(({ code }) => code === clock.subject)?.code;
      if (recipient && startedNotices) startedNotices[recipient] = clock.ruleHours;
    }
  }
  const agencyNotices: NoticeHours = Object.fromEntries(row.agency.noticeRules.map((rule) => [rule.recipient, rule.hours]));
  const facts: EpisodeFacts = {
    id: row.id,
    agencyId: row.agencyId,
    timeZone: row.agency.timeZone,
    version: row.version,
    stepVersions: readStepVersions(row.stepVersions),
    savedSteps: row.completedSteps.filter(isFormStepKey),
    caseworkerId: row.caseworkerId,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    closedAt: row.closedAt,
    child: {
      ...readChildProfile(row.child.profile),
      id: row.child.id,
      firstName: row.child.firstName,
      middleName: row.child.middleName,
      lastName: row.child.lastName,
      dateOfBirth: calendarDateOf(row.child.dateOfBirth),
      agencyCaseNumber: row.child.agencyCaseNumber,
      underAgencyGuardianship: row.child.underAgencyGuardianship,
    },
    missingEvent:
      row.discoveredAt && row.lastSeenAt && row.missingEvent !== null
        ? { ...readMissingEventDetails(row.missingEvent), discoveredAt: row.discoveredAt, lastSeenAt: row.lastSeenAt }
        : null,
    description: row.description === null ? null : readDescription(row.description),
    risks: row.risks === null ? null : readRisks(row.risks),
    contacts: row.contacts === null ? null : readContacts(row.contacts),
    guardian: row.guardian === null ? null : readGuardian(row.guardian),
    lawEnforcement: le
      ? {
          outcome: le.outcome,
          agencyName: le.agencyName,
          phone: le.phone,
          officerName: le.officerName,
          badgeNumber: le.badgeNumber,
          caseNumber: le.caseNumber,
          reportedAt: le.reportedAt,
          ncicEntered: le.ncicEntered,
          ncicNumber: le.ncicNumber,
          refusedBy: le.refusedBy,
          refusalStatement: le.refusalStatement,
          lateReason: le.lateReason,
          recordedById: le.recordedById,
          recordedAt: le.recordedAt,
        }
      : null,
    ncmec: ncmec
      ? {
          reportedAt: ncmec.reportedAt,
          method: ncmec.method,
          ncmecCaseNumber: ncmec.ncmecCaseNumber,
          contactName: ncmec.contactName,
          lateReason: ncmec.lateReason,
          recordedById: ncmec.recordedById,
          recordedAt: ncmec.recordedAt,
        }
      : null,
    prefill: row.prefill === null ? null : readPrefill(row.prefill),
    photoCount: row._count.photos,
    notices: row.notices,
    amendments: row.amendments.flatMap(({ step, amendedAt, sentAt }) => (isFormStepKey(step) ? [{ step, at: amendedAt, sentAt }] : [])),
  };
  return { facts, agencyName: row.agency.name, caseworkerName: row.caseworker.name, rules: {
      started,
      agency: { LAW_ENFORCEMENT_REPORT: row.agency.lawEnforcementClockHours, NCMEC_REPORT: row.agency.ncmecClockHours },
      startedNotices,
      agencyNotices,
    },
  };
}
