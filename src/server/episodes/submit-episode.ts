import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { ConflictError } from "@/server/use-case-errors";
import { FORM_STEP_KEYS, STEPS } from "@/lib/schemas/episode-steps";
import { loadEpisode } from "./episode-record";
import { recordedReportViolations } from "./save-episode-step";

/** Submits a report whose every step is saved, with law enforcement and NCMEC recorded. */
export async function submitEpisode(
  actor: Actor,
  input: { episodeId: string; version: number },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const episode = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
    if (episode.version !== input.version) {
      throw new ConflictError("STALE_VERSION", "Someone changed this report after you opened this page. Check the answers again, then submit.", {
        version: episode.version,
      });
    }
    if (episode.closedAt) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
    if (episode.submittedAt) throw new ConflictError("INCOMPLETE", "This report was already submitted.");
    const missing = FORM_STEP_KEYS.filter((key) => !episode.completedSteps.includes(key));
    if (missing.length > 0 || !episode.lawEnforcementReport || !episode.ncmecReport) {
      const titles = missing.map((key) => STEPS.find((s) => s.key === key)!.title);
      throw new ConflictError("INCOMPLETE", `Complete these steps before submitting: ${titles.join(", ")}.`, { missingSteps: missing });
    }
    const recorded = recordedReportViolations(episode, { discoveredAt: episode.discoveredAt!, lastSeenAt: episode.lastSeenAt! }, now);
    if (recorded) throw new ConflictError("INCOMPLETE", Object.values(recorded)[0]!);
    const saved = await tx.episode.update({
      where: { id: episode.id },
      data: { submittedAt: now, submittedById: actor.userId, version: { increment: 1 } },
      select: { version: true },
    });
    await recordAuditEvent(tx, {
      action: "episode.submitted",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: episode.agencyId,
      target: { type: "Episode", id: episode.id },
    });
    return { version: saved.version };
  });
}
