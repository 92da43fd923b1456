import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import type { Permission } from "@/server/authz/permissions";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { clockOf, episodeStage, type Clock, type EpisodeStage } from "@/domain/reporting-rules";
import { type FormStepKey } from "@/lib/schemas/episode-steps";
import { fullName } from "@/domain/labels";
import { loadEpisode, savedStepValues, type EpisodeRecord } from "./episode-record";

export type HistoryEntry = { at: Date; action: string; actorName: string | null; details: unknown };

export type EpisodeView = {
  record: EpisodeRecord;
  childName: string;
  stage: EpisodeStage;
  saved: ReturnType<typeof savedStepValues>;
  clocks: { lawEnforcement: Clock; ncmec: Clock } | null;
  recordedBy: { lawEnforcement: string | null; ncmec: string | null };
  draft: { step: FormStepKey; values: Record<string, unknown>; updatedAt: Date; baseVersion: number } | null;
  history: HistoryEntry[];
  photoCount: number;
};

/**
 * One episode for a page, through the agency scope, with its derived stage and clocks. Viewing is
 * audited. `draftStep` adds the actor's own unsaved draft of that step.
 */
export async function getEpisode(
  actor: Actor,
  episodeId: string,
  options: { permission: Permission; draftStep?: FormStepKey; withHistory?: boolean; requestId: string; now?: Date },
): Promise<EpisodeView> {
  assertCan(actor, options.permission);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const record = await loadEpisode(tx, actor, episodeId);
    const draftRow = options.draftStep
      ? await tx.episodeDraft.findUnique({
          where: { episodeId_step_userId: { episodeId: record.id, step: options.draftStep, userId: actor.userId } },
        })
      : null;
    const recorderIds = [record.lawEnforcementReport?.recordedById, record.ncmecReport?.recordedById].filter((id): id is string => !!id);
    const auditRows = options.withHistory
      ? await tx.auditEvent.findMany({
          where: { agencyId: record.agencyId, targetType: "Episode", targetId: record.id, action: { not: "episode.viewed" } },
          orderBy: { id: "asc" },
          take: 200,
        })
      : [];
    const photoCount = await tx.photo.count({ where: { episodeId: record.id, agencyId: record.agencyId } });
    const people = await tx.user.findMany({
      where: { agencyId: record.agencyId, id: { in: [...recorderIds, ...auditRows.map((r) => r.actorUserId).filter((id): id is string => !!id)] } },
      select: { id: true, name: true },
    });
    const nameOf = (id: string | null | undefined) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
    await recordAuditEvent(tx, {
      action: "episode.viewed",
      outcome: "SUCCESS",
      requestId: options.requestId,
      actorUserId: actor.userId,
      agencyId: record.agencyId,
      target: { type: "Episode", id: record.id },
    });
    const le = record.lawEnforcementReport;
    const ncmec = record.ncmecReport;
    return {
      record,
      childName: fullName(record.child),
      stage: episodeStage({
        lawEnforcementRecorded: le !== null,
        ncmecRecorded: ncmec !== null,
        submittedAt: record.submittedAt,
        closedAt: record.closedAt,
      }),
      saved: savedStepValues(record),
      clocks: record.discoveredAt
        ? {
            lawEnforcement: clockOf(record.discoveredAt, le?.reportedAt ?? null, now),
            ncmec: clockOf(record.discoveredAt, ncmec?.reportedAt ?? null, now),
          }
        : null,
      recordedBy: { lawEnforcement: nameOf(le?.recordedById), ncmec: nameOf(ncmec?.recordedById) },
      draft:
        draftRow && options.draftStep
          ? { step: options.draftStep, values: draftRow.values as Record<string, unknown>, updatedAt: draftRow.updatedAt, baseVersion: draftRow.baseVersion }
          : null,
      photoCount,
      history: auditRows.map((row) => ({ at: row.occurredAt, action: row.action, actorName: nameOf(row.actorUserId), details: row.details })),
    };
  });
}
