import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { checkNotApplicable } from "@/domain/notice-rules";
import { ZNoticeNotApplicableSchema } from "@/lib/schemas/episode-notices";
import { parseStep, throwViolations } from "./field-errors";
import { loadNoticeForChange, saveNotice } from "./episode-notice";
import { syncEpisode } from "./sync-episode";

/**
 * Marks a notice not applicable to this child, with a reason that fits the recipient (parental
 * rights terminated or a parent suspected for the parents only; the Indian Child Welfare Act for
 * the tribe only; no such person; other, with a note). It counts as met.
 */
export async function markNoticeNotApplicable(
  actor: Actor,
  input: { episodeId: string; recipient: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const now = context.now ?? new Date();
  const form = parseStep(ZNoticeNotApplicableSchema, input.values);
  return db().$transaction(async (tx) => {
    const target = await loadNoticeForChange(tx, actor, { episodeId: input.episodeId, recipient: input.recipient, version: form.version }, now);
    const note = form.note === "" ? null : form.note;
    throwViolations(checkNotApplicable(target.recipient, { reason: form.reason, note }));
    const version = await saveNotice(tx, actor, target, { sentAt: null, notApplicableReason: form.reason, note }, now);
    await audit(tx, auditWho(actor, context.requestId), "notice.not_applicable", { target: { type: "Episode", id: target.loaded.facts.id }, details: { recipient: target.recipient, reason: form.reason } });
    await syncEpisode(tx, actor, target.loaded.facts.id, now);
    return { version };
  });
}
