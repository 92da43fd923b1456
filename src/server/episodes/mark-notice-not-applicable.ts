import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { checkNotApplicable, isNoticeAuthority } from "@/domain/notice-rules";
import { ZNoticeNotApplicableSchema } from "@/lib/schemas/episode-notices";
import { parseStep, throwViolations } from "./field-errors";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { noticeToRecord, saveNotice } from "./episode-notice";

/**
 * Marks a notice (of the child missing, the default event, or returned) not applicable to this
 * child, with a reason that fits the recipient (parental rights terminated or a parent suspected
 * for the parents only; the Indian Child Welfare Act for the tribe only; no such person; other,
 * with a note). It counts as met. Refused for law enforcement and NCMEC: the law asks for theirs
 * whatever the child.
 */
export async function markNoticeNotApplicable(
  actor: Actor,
  input: { episodeId: string; recipient: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:record");
  const form = parseStep(ZNoticeNotApplicableSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:record", change: "notice", version: form.version }, async ({ tx, loaded: { facts }, progress, who, now }) => {
    const { recipient } = noticeToRecord(progress, form.event, input.recipient);
    if (isNoticeAuthority(recipient)) {
      throw new EpisodeRefusedError("notice", "authority-always-applies", "The law asks for this notice whatever the child: it cannot be marked not applicable.");
    }
    const note = form.note === "" ? null : form.note;
    throwViolations(checkNotApplicable(recipient, { reason: form.reason, note }));
    const data = { sentAt: null, notApplicableReason: form.reason, note, toldBy: null, toWhom: null, method: null, confirmed: null };
    await saveNotice(tx, actor, facts, { event: form.event, recipient }, data, now);
    await audit(tx, who, "notice.not_applicable", { target: { type: "Episode", id: facts.id }, details: { recipient, event: form.event, reason: form.reason } });
    return {};
  });
}
