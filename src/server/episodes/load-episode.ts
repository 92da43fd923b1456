import "server-only";
import { AGENCY_RULE_COLUMNS, agencyClockRules } from "@/server/agency/agency-clock-rules";
import { calendarDateOf } from "@/domain/zoned-time";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { isUuid } from "@/lib/uuid";
import { isFormStepKey } from "@/domain/steps";
import type { ApprovalEntry, ApprovalFacts, EpisodeFacts } from "@/domain/episode-facts";
import { clockKey, type ClockRules } from "@/domain/episode-clocks";
import {
  readChildProfile,
  readContacts,
  readDescription,
  readGuardian,
  readMarks,
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
  ncicRecordsSentAt: true,
  endedAt: true,
  endReason: true,
  endNote: true,
  endRecordedById: true,
  voidedAt: true,
  voidedById: true,
  voidReason: true,
  createdAt: true,
  caseworkerId: true,
  caseworker: { select: { name: true } },
  agency: {
    select: {
      name: true,
      timeZone: true,
      ...AGENCY_RULE_COLUMNS,
    },
  },
  child: {
    select: {
      id: true,
      firstName: true,
      middleName: true,
      lastName: true,
      dateOfBirth: true,
      agencyCaseNumber: true,
      underAgencyGuardianship: true,
      profile: true,
      // The child's recoveries (this episode's is left out below), read in the same joined query.
      episodes: {
        where: { voidedAt: null, recovery: { is: { recoveredAt: { not: null } } } },
        select: { id: true, recovery: { select: { recoveredAt: true, city: true, state: true, placeKind: true, recoveredBy: true, packetSummary: true } } },
      },
    },
  },
  lawEnforcementReport: true,
  ncmecReport: true,
  clocks: { select: { kind: true, subject: true, ruleHours: true } },
  notices: {
    select: { event: true, recipient: true, sentAt: true, notApplicableReason: true, note: true, recordedById: true, recordedAt: true, toldBy: true, toWhom: true, method: true, confirmed: true },
  },
  searchActivities: { orderBy: { at: "asc" } },
  longTermItems: { select: { item: true, doneAt: true, doneById: true } },
  recovery: true,
  debrief: true,
  debriefAttempts: { orderBy: { at: "asc" } },
  screens: { orderBy: { screenedAt: "asc" } },
  determination: true,
  traffickingReport: true,
  // The closure's sign-off and the report's review (one record each at most).
  approvals: { include: { entries: { orderBy: { at: "asc" } } } },
  amendments: { select: { step: true, amendedAt: true, sentAt: true }, orderBy: { amendedAt: "asc" } },
  _count: { select: { photos: true } },
} as const;

type ApprovalRow = {
  status: ApprovalFacts["status"];
  requestedById: string;
  requestedAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  entries: { action: ApprovalEntry["action"]; comment: string; byId: string; at: Date }[];
};

/** An approval record (a closure's sign-off, a report's review) in the domain's shape. */
function approvalFacts(row: ApprovalRow | null): ApprovalFacts | null {
  if (!row) return null;
  const { status, requestedById, requestedAt, decidedById, decidedAt } = row;
  return { status, requestedById, requestedAt, decidedById, decidedAt, entries: row.entries.map(({ action, comment, byId, at }) => ({ action, comment, byId, at })) };
}

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
  // Each existing clock keeps the hours it started with (and an event's notice list is the one its clocks started with).
  const started: Record<string, number> = Object.fromEntries(row.clocks.map((clock) => [clockKey(clock.kind, clock.subject), clock.ruleHours]));
  const agency = row.agency;
  const recovery = row.recovery;
  const debrief = row.debrief;
  const closure = row.approvals.find((approval) => approval.purpose === "CLOSURE") ?? null;
  const review = row.approvals.find((approval) => approval.purpose === "REPORT_REVIEW") ?? null;
  // The child's other episodes' recoveries, latest first.
  const earlierRecoveries = row.child.episodes
    .flatMap(({ id, recovery: earlier }) => (id !== row.id && earlier?.recoveredAt ? [{ ...earlier, episodeId: id, recoveredAt: earlier.recoveredAt }] : []))
    .sort((a, b) => b.recoveredAt.getTime() - a.recoveredAt.getTime());
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
          ncicEnteredAt: le.ncicEnteredAt,
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
    ncicRecordsSentAt: row.ncicRecordsSentAt,
    searchActivities: row.searchActivities.map((activity) => ({
      id: activity.id,
      kind: activity.kind,
      at: activity.at,
      contactedPerson: activity.contactedPerson,
      outcome: activity.outcome,
      note: activity.note,
      isLead: activity.isLead,
      leadPassedAt: activity.leadPassedAt,
      leadPassedTo: activity.leadPassedTo,
      leadLateReason: activity.leadLateReason,
      recordedById: activity.recordedById,
      recordedAt: activity.recordedAt,
    })),
    longTermItems: row.longTermItems,
    recovery: recovery
      ? {
          locatedAt: recovery.locatedAt,
          recoveredAt: recovery.recoveredAt,
          knownAt: recovery.knownAt,
          address: recovery.address,
          city: recovery.city,
          state: recovery.state,
          placeKind: recovery.placeKind,
          outOfState: recovery.outOfState,
          recoveredBy: recovery.recoveredBy,
          officerName: recovery.officerName,
          lawEnforcementCaseNumber: recovery.lawEnforcementCaseNumber,
          condition: recovery.condition,
          newMarks: readMarks(recovery.newMarks),
          placement: recovery.placement,
          packetSummary: recovery.packetSummary,
          recordedById: recovery.recordedById,
          recordedAt: recovery.recordedAt,
        }
      : null,
    debrief: debrief
      ? {
          interviewerName: debrief.interviewerName,
          interviewerRole: debrief.interviewerRole,
          interviewedAt: debrief.interviewedAt,
          place: debrief.place,
          othersPresent: debrief.othersPresent,
          acceptedWithoutInterviewAt: debrief.acceptedWithoutInterviewAt,
          acceptedWithoutInterviewById: debrief.acceptedWithoutInterviewById,
          ranAgainBeforeDebrief: debrief.ranAgainBeforeDebrief,
          ranFrom: debrief.ranFrom,
          ranTo: debrief.ranTo,
          factorsNarrative: debrief.factorsNarrative,
          responseNow: debrief.responseNow,
          plansLater: debrief.plansLater,
          stayedWhere: debrief.stayedWhere,
          stayedWith: debrief.stayedWith,
          needsMet: debrief.needsMet,
          harm: debrief.harm,
          completedAt: debrief.completedAt,
          recordedById: debrief.recordedById,
          recordedAt: debrief.recordedAt,
        }
      : null,
    debriefAttempts: row.debriefAttempts.map((attempt) => ({
      id: attempt.id,
      at: attempt.at,
      result: attempt.result,
      nextAttemptOn: attempt.nextAttemptOn ? calendarDateOf(attempt.nextAttemptOn) : null,
      note: attempt.note,
    })),
    screens: row.screens.map((screen) => ({
      id: screen.id,
      instrument: screen.instrument,
      version: screen.version,
      result: screen.result,
      screenedBy: screen.screenedBy,
      screenedAt: screen.screenedAt,
    })),
    determination: row.determination
      ? {
          sex: row.determination.sex,
          labor: row.determination.labor,
          informationReceivedAt: row.determination.informationReceivedAt,
          recordedById: row.determination.recordedById,
          recordedAt: row.determination.recordedAt,
        }
      : null,
    traffickingReport: row.traffickingReport
      ? {
          agencyName: row.traffickingReport.agencyName,
          officerName: row.traffickingReport.officerName,
          caseNumber: row.traffickingReport.caseNumber,
          reportedAt: row.traffickingReport.reportedAt,
          lateReason: row.traffickingReport.lateReason,
          recordedById: row.traffickingReport.recordedById,
          recordedAt: row.traffickingReport.recordedAt,
        }
      : null,
    closure: approvalFacts(closure),
    review: approvalFacts(review),
    ended:
      row.endedAt && row.endReason && row.endRecordedById
        ? { endedAt: row.endedAt, reason: row.endReason, note: row.endNote ?? "", recordedById: row.endRecordedById }
        : null,
    voided: row.voidedAt && row.voidedById ? { voidedAt: row.voidedAt, voidedById: row.voidedById, reason: row.voidReason ?? "" } : null,
    earlierRecoveries,
  };
  return {
    facts,
    agencyName: agency.name,
    caseworkerName: row.caseworker.name,
    rules: { started, agency: agencyClockRules(agency) },
  };
}
