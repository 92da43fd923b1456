import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { instantToWallTime } from "@/domain/zoned-time";
import {
  EMPTY_STEP_VALUES,
  FORM_STEP_KEYS,
  type FormStepKey,
  type StepValues,
  type TChildStep,
} from "@/lib/schemas/episode-steps";

/** Everything a step page, the review page and the case page need of one episode. */
export const EPISODE_SELECT = {
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
  updatedAt: true,
  caseworkerId: true,
  caseworker: { select: { id: true, name: true, email: true } },
  agency: { select: { id: true, name: true, timeZone: true } },
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
    },
  },
  lawEnforcementReport: true,
  ncmecReport: true,
} as const satisfies Prisma.EpisodeSelect;

export type EpisodeRecord = Prisma.EpisodeGetPayload<{ select: typeof EPISODE_SELECT }>;

/** Loads an episode through the agency scope; another agency's episode is simply not found. */
export async function loadEpisode(tx: Tx, actor: Actor, episodeId: string, options: { forUpdate?: boolean } = {}): Promise<EpisodeRecord> {
  if (!/^[0-9a-f-]{36}$/i.test(episodeId)) throw new NotFoundError();
  const scope = agencyScope(actor);
  if (options.forUpdate) {
    // Serialises concurrent saves of one episode, so the version check below cannot race.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Episode" WHERE "id" = ${episodeId}::uuid AND "agencyId" = ${scope.agencyId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError();
  }
  const episode = await tx.episode.findFirst({ where: scope.where({ id: episodeId }), select: EPISODE_SELECT });
  if (!episode) throw new NotFoundError();
  return episode;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function childStepValues(child: EpisodeRecord["child"]): TChildStep {
  const profile = child.profile as Omit<TChildStep, "firstName" | "middleName" | "lastName" | "dateOfBirth" | "agencyCaseNumber" | "underAgencyGuardianship">;
  return {
    ...(EMPTY_STEP_VALUES.child as TChildStep),
    ...profile,
    firstName: child.firstName,
    middleName: child.middleName ?? "",
    lastName: child.lastName,
    dateOfBirth: isoDate(child.dateOfBirth),
    agencyCaseNumber: child.agencyCaseNumber,
    underAgencyGuardianship: child.underAgencyGuardianship ? "yes" : "no",
  };
}

/** The saved answers of each step, as its form shows them (instants as agency wall time); null when not saved. */
export function savedStepValues(episode: EpisodeRecord): { [K in FormStepKey]: StepValues[K] | null } {
  const tz = episode.agency.timeZone;
  const le = episode.lawEnforcementReport;
  const ncmec = episode.ncmecReport;
  const saved = (key: FormStepKey) => episode.completedSteps.includes(key);
  return {
    child: saved("child") ? childStepValues(episode.child) : null,
    "missing-event":
      saved("missing-event") && episode.discoveredAt && episode.lastSeenAt
        ? {
            ...(episode.missingEvent as Omit<StepValues["missing-event"], "discoveredAt" | "lastSeenAt">),
            discoveredAt: instantToWallTime(episode.discoveredAt, tz),
            lastSeenAt: instantToWallTime(episode.lastSeenAt, tz),
          }
        : null,
    description: saved("description") ? (episode.description as StepValues["description"]) : null,
    risks: saved("risks") ? (episode.risks as StepValues["risks"]) : null,
    contacts: saved("contacts") ? (episode.contacts as StepValues["contacts"]) : null,
    "law-enforcement": le
      ? {
          outcome: le.outcome,
          agencyName: le.agencyName,
          phone: le.phone,
          officerName: le.officerName ?? "",
          badgeNumber: le.badgeNumber ?? "",
          caseNumber: le.caseNumber ?? "",
          reportedAt: instantToWallTime(le.reportedAt, tz),
          ncicEntered: (le.ncicEntered ?? "unknown") as StepValues["law-enforcement"]["ncicEntered"],
          ncicNumber: le.ncicNumber ?? "",
          refusedBy: le.refusedBy ?? "",
          refusalStatement: le.refusalStatement ?? "",
          lateReason: le.lateReason ?? "",
        }
      : null,
    guardian: saved("guardian") ? (episode.guardian as StepValues["guardian"]) : null,
    ncmec: ncmec
      ? {
          reportedAt: instantToWallTime(ncmec.reportedAt, tz),
          method: ncmec.method,
          ncmecCaseNumber: ncmec.ncmecCaseNumber ?? "",
          contactName: ncmec.contactName ?? "",
          lateReason: ncmec.lateReason ?? "",
        }
      : null,
  };
}

/** The first step not saved yet, in order (the review when all are saved). */
export function firstOpenStep(completedSteps: string[]): FormStepKey | "review" {
  return FORM_STEP_KEYS.find((key) => !completedSteps.includes(key)) ?? "review";
}
