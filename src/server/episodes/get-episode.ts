import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import type { Permission } from "@/server/authz/permissions";
import { audit, auditWho } from "@/server/audit/audit";
import { episodeProgress, type EpisodeProgress } from "@/domain/episode-progress";
import { fullName, type EpisodeFacts } from "@/domain/episode-facts";
import type { FormStepKey } from "@/domain/steps";
import { loadEpisode } from "./load-episode";
import { historyText, peopleInHistory } from "./episode-history";

export type HistoryEntry = { at: Date; text: string; actorName: string | null };

export type EpisodeView = {
  facts: EpisodeFacts;
  agencyName: string;
  caseworkerName: string;
  childName: string;
  progress: EpisodeProgress;
  recordedBy: { lawEnforcement: string | null; ncmec: string | null };
  /** The names of the agency's people the facts refer to by id. */
  names: Record<string, string>;
  draft: { step: FormStepKey; values: Record<string, unknown>; updatedAt: Date; baseVersion: number } | null;
  history: HistoryEntry[];
};

/** What a draft row holds: whatever was typed, field by field (checked when it was kept). */
const ZDraftValuesSchema = z.record(z.string(), z.unknown());

/**
 * One episode for a page, through the agency scope, with its progress worked out by
 * episodeProgress(). Viewing is audited. `draftStep` adds the actor's own unsaved draft of that step.
 */
export async function getEpisode(
  actor: Actor,
  episodeId: string,
  options: { permission: Permission; draftStep?: FormStepKey; withHistory?: boolean; requestId: string; now?: Date },
): Promise<EpisodeView> {
  assertCan(actor, options.permission);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const { facts, agencyName, caseworkerName, rules } = await loadEpisode(tx, actor, episodeId);
    const draftRow = options.draftStep
      ? await tx.episodeDraft.findUnique({ where: { episodeId_step_userId: { episodeId: facts.id, step: options.draftStep, userId: actor.userId } } })
      : null;
    const auditRows = options.withHistory
      ? await tx.auditEvent.findMany({
          // What happened to the episode, not who looked at it (reads stay in the admin's audit trail).
          where: { agencyId: facts.agencyId, targetType: "Episode", targetId: facts.id, action: { notIn: ["episode.viewed", "photos.listed", "photo.viewed"] } },
          orderBy: { id: "asc" },
          take: 200,
        })
      : [];
    const people = await tx.user.findMany({
      where: {
        agencyId: facts.agencyId,
        id: { in: [...peopleIn(facts), ...auditRows.flatMap((row) => [...(row.actorUserId ? [row.actorUserId] : []), ...peopleInHistory(row)])] },
      },
      select: { id: true, name: true },
    });
    const names: Record<string, string> = Object.fromEntries(people.map((person) => [person.id, person.name]));
    const nameOf = (id: string | null | undefined) => (id ? (names[id] ?? null) : null);
    await audit(tx, auditWho(actor, options.requestId), "episode.viewed", { target: { type: "Episode", id: facts.id } });
    const draftValues = draftRow ? ZDraftValuesSchema.safeParse(draftRow.values) : null;
    return {
      facts,
      agencyName,
      caseworkerName,
      childName: fullName(facts.child),
      progress: episodeProgress(facts, now, rules),
      recordedBy: { lawEnforcement: nameOf(facts.lawEnforcement?.recordedById), ncmec: nameOf(facts.ncmec?.recordedById) },
      names,
      draft:
        draftRow && options.draftStep && draftValues?.success
          ? { step: options.draftStep, values: draftValues.data, updatedAt: draftRow.updatedAt, baseVersion: draftRow.baseVersion }
          : null,
      history: auditRows.map((row) => ({ at: row.occurredAt, text: historyText(row, names), actorName: nameOf(row.actorUserId) })),
    };
  });
}

/** Every person an episode's facts name by id. */
function peopleIn(facts: EpisodeFacts): string[] {
  const ids = [
    facts.caseworkerId,
    facts.lawEnforcement?.recordedById,
    facts.ncmec?.recordedById,
    ...facts.notices.map((notice) => notice.recordedById),
    ...facts.searchActivities.map((activity) => activity.recordedById),
    ...facts.longTermItems.map((item) => item.doneById),
    facts.recovery?.recordedById,
    facts.debrief?.recordedById,
    facts.debrief?.acceptedWithoutInterviewById,
    facts.determination?.recordedById,
    facts.traffickingReport?.recordedById,
    facts.closure?.requestedById,
    facts.closure?.decidedById,
    ...(facts.closure?.entries.map((entry) => entry.byId) ?? []),
    ...(facts.review?.entries.map((entry) => entry.byId) ?? []),
    facts.ended?.recordedById,
    facts.voided?.voidedById,
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === "string"))];
}
