import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { ConflictError } from "@/server/use-case-errors";
import type { EpisodeNoticeEvent, EpisodeNoticeRecipient, NoticeNotApplicableCode } from "@/domain/code-sets";
import type { EpisodeFacts } from "@/domain/episode-facts";
import type { EpisodeProgress } from "@/domain/episode-progress";
import { isEpisodeNoticeRecipient, type NoticeProgress } from "@/domain/notice-rules";

/** Where each event's notices are in episodeProgress(), and why an episode may not have one yet. */
const NOTICES_OF: Record<EpisodeNoticeEvent, { list: "notices" | "returnNotices" | "cancelNotices"; none: string }> = {
  MISSING: { list: "notices", none: "This episode has no such notice: it is not on the notice list its clocks started with." },
  RETURN: { list: "returnNotices", none: "This episode has no such return notice: they start once the child's recovery is recorded, from the list in force then." },
  CANCEL: { list: "cancelNotices", none: "This episode has no such cancellation: law enforcement and NCMEC are asked to cancel their reports once the episode ends without a recovery." },
};

/**
 * One of the episode's notices, for recording it: a recipient that is not a code is not found; one
 * the episode has no clock for (not on the list its clocks started with, or its event has not
 * happened) is refused.
 */
export function noticeToRecord(progress: EpisodeProgress, event: EpisodeNoticeEvent, code: string): { notice: NoticeProgress; recipient: EpisodeNoticeRecipient } {
  if (!isEpisodeNoticeRecipient(code)) throw new NotFoundError();
  const { list, none } = NOTICES_OF[event];
  const notice = progress[list].find((candidate) => candidate.recipient === code);
  if (!notice) throw new ConflictError("INCOMPLETE", none);
  return { notice, recipient: code };
}

export type NoticeData = {
  sentAt: Date | null;
  notApplicableReason: NoticeNotApplicableCode | null;
  note: string | null;
  toldBy: string | null;
  toWhom: string | null;
  method: string | null;
  confirmed: boolean | null;
};

/** Writes the notice (a second record of the same notice corrects the first); the caller's change bumps the version. */
export async function saveNotice(
  tx: Tx,
  actor: Actor,
  facts: Pick<EpisodeFacts, "id" | "agencyId">,
  { event, recipient }: { event: EpisodeNoticeEvent; recipient: EpisodeNoticeRecipient },
  data: NoticeData,
  now: Date,
): Promise<void> {
  const values = { ...data, recordedById: actor.userId, recordedAt: now };
  await tx.episodeNotice.upsert({
    where: { episodeId_event_recipient: { episodeId: facts.id, event, recipient } },
    create: { agencyId: facts.agencyId, episodeId: facts.id, event, recipient, ...values },
    update: values,
  });
}
