import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { checkNoticeSent } from "@/domain/notice-rules";
import { wallTimeToInstant } from "@/domain/zoned-time";
import { ZNoticeSentSchema } from "@/lib/schemas/episode-notices";
import { parseStep, throwViolations } from "./field-errors";
import { loadNoticeForChange, saveNotice } from "./episode-notice";
import { syncEpisode } from "./sync-episode";

/**
 * Records that a person on the episode's notice list was told the child is missing: when (in the
 * agency's time zone, checked against the episode's times like a report) and why, when late. The
 * notice's clock is met; re-derived by syncEpisode() in the same transaction.
 */
export async function recordNoticeSent(
  actor: Actor,
  input: { episodeId: string; recipient: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const now = context.now ?? new Date();
  const form = parseStep(ZNoticeSentSchema, input.values);
  return db().$transaction(async (tx) => {
    const target = await loadNoticeForChange(tx, actor, { episodeId: input.episodeId, recipient: input.recipient, version: form.version }, now);
    const { facts } = target.loaded;
    const sentAt = wallTimeToInstant(form.sentAt, facts.timeZone);
    if (!sentAt.ok) {
      throw new ValidationError({ sentAt: sentAt.reason === "nonexistent" ? "That time did not happen on that day (the clocks went forward). Check it." : "Enter a real date and time." });
    }
    const lateReason = form.lateReason === "" ? null : form.lateReason;
    const { clock } = target.notice;
    // The clock starts with the missing event, so the episode has its times.
    const lastSeenAt = facts.missingEvent?.lastSeenAt ?? clock.startedAt;
    throwViolations(checkNoticeSent(target.recipient, { sentAt: sentAt.instant, lateReason }, { lastSeenAt, now, deadline: clock.deadline, ruleHours: clock.ruleHours }));
    const late = sentAt.instant.getTime() > clock.deadline.getTime();
    const version = await saveNotice(tx, actor, target, { sentAt: sentAt.instant, notApplicableReason: null, note: late ? lateReason : null }, now);
    await audit(tx, auditWho(actor, context.requestId), "notice.sent_recorded", { target: { type: "Episode", id: facts.id }, details: { recipient: target.recipient, late } });
    await syncEpisode(tx, actor, facts.id, now);
    return { version };
  });
}
