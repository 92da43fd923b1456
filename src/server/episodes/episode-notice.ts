import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { ConflictError } from "@/server/use-case-errors";
import { NOTICE_RECIPIENTS, type NoticeNotApplicableCode, type NoticeRecipientCode } from "@/domain/code-sets";
import { episodeProgress, noticeOf } from "@/domain/episode-progress";
import type { NoticeProgress } from "@/domain/notice-rules";
import { loadEpisode, type LoadedEpisode } from "./load-episode";

/**
 * The episode (locked for the change) and one of its notices, for recording it: another agency's
 * episode or a recipient that is not a code is not found; a closed episode, a page older than the
 * episode, or a recipient not on the list its clocks started with is refused.
 */
export async function loadNoticeForChange(
  tx: Tx,
  actor: Actor,
  input: { episodeId: string; recipient: string; version: number },
  now: Date,
): Promise<{ loaded: LoadedEpisode; notice: NoticeProgress; recipient: NoticeRecipientCode }> {
  const recipient = NOTICE_RECIPIENTS.find(({ code }) => code === input.recipient)?.code;
  if (!recipient) throw new NotFoundError();
  const loaded = await loadEpisode(tx, actor, input.episodeId, { forUpdate: true });
  const progress = episodeProgress(loaded.facts, now, loaded.rules);
  if (!progress.editable) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
  if (input.version !== loaded.facts.version) {
    throw new ConflictError("STALE_VERSION", "This case changed after you opened this page. Reload it, check the notices, then record this one again.", { version: loaded.facts.version });
  }
  const notice = noticeOf(progress, recipient);
  if (!notice) throw new ConflictError("INCOMPLETE", "This episode has no such notice: it is not on the notice list its clocks started with.");
  return { loaded, notice, recipient };
}

/** Writes the notice and bumps the episode's version, so other open pages of it know they are old. */
export async function saveNotice(
  tx: Tx,
  actor: Actor,
  { loaded, recipient }: { loaded: LoadedEpisode; recipient: NoticeRecipientCode },
  data: { sentAt: Date | null; notApplicableReason: NoticeNotApplicableCode | null; note: string | null },
  now: Date,
): Promise<number> {
  const { facts } = loaded;
  const values = { ...data, recordedById: actor.userId, recordedAt: now };
  await tx.episodeNotice.upsert({
    where: { episodeId_event_recipient: { episodeId: facts.id, event: "MISSING", recipient } },
    create: { agencyId: facts.agencyId, episodeId: facts.id, event: "MISSING", recipient, ...values },
    update: values,
  });
  const saved = await tx.episode.update({ where: { id: facts.id }, data: { version: { increment: 1 } }, select: { version: true } });
  return saved.version;
}
