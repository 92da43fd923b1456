import "server-only";
import type { EpisodeStage as StageColumn } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { episodeProgress, type EpisodeProgress, type EpisodeStage } from "@/domain/episode-progress";
import { deriveClocks, earliestUnmetDeadline } from "@/domain/episode-clocks";
import { sortName } from "@/domain/episode-facts";
import { clockReportCopies, type ClockReportContext } from "@/domain/on-time-rate";
import { loadEpisode, type LoadedEpisode } from "./load-episode";

/** The stage as the column holds it. */
export const STAGE_COLUMN: Record<EpisodeStage, StageColumn> = {
  "awaiting-law-enforcement": "AWAITING_LAW_ENFORCEMENT",
  "awaiting-ncmec": "AWAITING_NCMEC",
  "ready-to-submit": "READY_TO_SUBMIT",
  reported: "REPORTED",
  located: "LOCATED",
  recovered: "RECOVERED",
  "debrief-due": "DEBRIEF_DUE",
  "awaiting-sign-off": "AWAITING_SIGN_OFF",
  closed: "CLOSED",
  "ended-without-recovery": "ENDED_WITHOUT_RECOVERY",
  voided: "VOIDED",
};

/** The stage a column value stands for (lists read the column). */
export const STAGE_OF_COLUMN = Object.fromEntries(Object.entries(STAGE_COLUMN).map(([stage, column]) => [column, stage])) as Record<StageColumn, EpisodeStage>;

/**
 * The one writer of what is derived from an episode's facts: its stage, age and risk columns and
 * its clock rows (with the on-time report's copies: whom each counts against, met on time, met by
 * a refusal), the case list's sort copies (the child's name, the report's deadline) and the
 * dashboard's (the earliest deadline not met),
 * re-derived from episodeProgress() inside the transaction of every change of the
 * facts. Lists and reports read these; a clock row never holds a state, only instants.
 */
export async function syncEpisode(tx: Tx, actor: Actor, episodeId: string, now: Date): Promise<{ loaded: LoadedEpisode; progress: EpisodeProgress }> {
  const loaded = await loadEpisode(tx, actor, episodeId);
  const { facts, rules } = loaded;
  const progress = episodeProgress(facts, now, rules);
  const clocks = deriveClocks(facts, rules);
  await tx.episode.update({
    where: { id: facts.id },
    data: {
      stage: STAGE_COLUMN[progress.stage],
      ageAtMissing: progress.ageAtMissing,
      endangered: progress.endangered,
      traffickingConcern: progress.traffickingConcern,
      childSortName: sortName(facts.child),
      reportDeadline: clocks.find((clock) => clock.kind === "LAW_ENFORCEMENT_REPORT")?.deadline ?? null,
      nextDeadline: earliestUnmetDeadline(clocks),
    },
  });
  await tx.episodeClock.deleteMany({
    where: { episodeId: facts.id, NOT: { OR: clocks.map((clock) => ({ kind: clock.kind, subject: clock.subject })) } },
  });
  const history = clocks.length === 0 ? [] : await tx.episodeAssignment.findMany({ where: { episodeId: facts.id, agencyId: facts.agencyId }, select: { episodeId: true, caseworkerId: true, fromAt: true, untilAt: true } });
  const context: ClockReportContext = {
    history,
    currentCaseworkerId: facts.caseworkerId,
    lawEnforcementRefused: facts.lawEnforcement?.outcome === "REFUSED",
    screened: facts.screens.length > 0,
    traffickingClock: clocks.find((clock) => clock.kind === "TRAFFICKING_REPORT" && clock.subject === "") ?? null,
  };
  for (const clock of clocks) {
    const values = {
      startedAt: clock.startedAt,
      ruleHours: clock.ruleHours,
      deadline: clock.deadline,
      doneAt: clock.doneAt,
      lateReason: clock.lateReason,
      ...clockReportCopies(clock, context),
    };
    await tx.episodeClock.upsert({
      where: { episodeId_kind_subject: { episodeId: facts.id, kind: clock.kind, subject: clock.subject } },
      create: { agencyId: facts.agencyId, episodeId: facts.id, kind: clock.kind, subject: clock.subject, ...values },
      update: values,
    });
  }
  return { loaded, progress };
}
