import "server-only";
import { db, type Tx } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import type { Permission } from "@/server/authz/permissions";
import { audit, auditWho, type AuditWho } from "@/server/audit/audit";
import { ConflictError, ValidationError, type FieldErrors } from "@/server/use-case-errors";
import { episodeProgress, type EpisodeProgress } from "@/domain/episode-progress";
import { loadEpisode, type LoadedEpisode } from "./load-episode";
import { syncEpisode } from "./sync-episode";

/** What a change to an episode after its report works with, inside its transaction. */
export type EpisodeChange = { tx: Tx; loaded: LoadedEpisode; progress: EpisodeProgress; who: AuditWho; now: Date };

/** The changes after the report whose refusals by a rule the audit trail records (episode.change_refused). */
export type EpisodeChangeName =
  | "search"
  | "recovery"
  | "notice"
  | "end"
  | "debrief"
  | "trafficking"
  | "request-closure"
  | "approve-closure"
  | "return-closure"
  | "request-report-review"
  | "approve-report"
  | "return-report"
  | "reassign"
  | "reopen"
  | "void"
  | "ran-again";

/**
 * A change an episode's rules refuse (409, nothing changed): the person is told why in words, and
 * the refusal is audited (DENIED) in a transaction of its own after the change rolled back.
 */
export class EpisodeRefusedError extends ConflictError {
  constructor(
    readonly change: EpisodeChangeName,
    readonly reason: string,
    message: string,
  ) {
    super("REFUSED", message);
    this.name = "EpisodeRefusedError";
  }
}

/**
 * A change refused because of what the form chose (422, the message next to the field, nothing
 * changed), which the audit trail records like a rule's refusal: reassigning to someone who cannot
 * take the case, for one.
 */
export class EpisodeChoiceRefusedError extends ValidationError {
  constructor(
    readonly change: EpisodeChangeName,
    readonly reason: string,
    fieldErrors: FieldErrors,
  ) {
    super(fieldErrors, Object.values(fieldErrors)[0]);
    this.name = "EpisodeChoiceRefusedError";
  }
}

type ChangeOptions = {
  permission: Permission;
  change: EpisodeChangeName;
  /** The version of the episode the page showed; a change from an older page is refused. */
  version: number;
  /** Reopening works on a closed episode; every other change needs an editable one. */
  allowClosed?: boolean;
};

/**
 * The opening and the end of every change to an episode after its report: the actor's permission,
 * the episode of their agency locked for the change (another agency's is not found), refused when
 * closed or voided or when the page is older than the episode; then the work, the episode's version
 * bumped (other open pages of it know they are old) and its stage and clocks re-derived by
 * syncEpisode() in the same transaction. Answers the work's result and the new version.
 */
export async function changeEpisode<T extends object>(
  actor: Actor,
  episodeId: string,
  context: { requestId: string; now?: Date },
  options: ChangeOptions,
  work: (change: EpisodeChange) => Promise<T>,
): Promise<T & { version: number }> {
  assertCan(actor, options.permission);
  const now = context.now ?? new Date();
  const who = auditWho(actor, context.requestId);
  try {
    return await db().$transaction(async (tx) => {
      const loaded = await loadEpisode(tx, actor, episodeId, { forUpdate: true });
      const progress = episodeProgress(loaded.facts, now, loaded.rules);
      if (!progress.editable && !options.allowClosed) {
        throw new ConflictError("CLOSED", progress.stage === "voided" ? "This episode was voided and can no longer be changed." : "This episode is closed and can no longer be changed.");
      }
      if (options.version !== loaded.facts.version) {
        throw new ConflictError("STALE_VERSION", "This case changed after you opened this page. Reload it, check what changed, then try again.", { version: loaded.facts.version });
      }
      const result = await work({ tx, loaded, progress, who, now });
      const saved = await tx.episode.update({ where: { id: episodeId }, data: { version: { increment: 1 } }, select: { version: true } });
      await syncEpisode(tx, actor, episodeId, now);
      return { ...result, version: saved.version };
    });
  } catch (error) {
    if (error instanceof EpisodeRefusedError || error instanceof EpisodeChoiceRefusedError) {
      await db().$transaction((tx) =>
        audit(tx, who, "episode.change_refused", { outcome: "DENIED", target: { type: "Episode", id: episodeId }, details: { change: error.change, reason: error.reason } }),
      );
    }
    throw error;
  }
}
