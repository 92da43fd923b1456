import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { checkNoticeSent, isNoticeAuthority, noticeNotBefore } from "@/domain/notice-rules";
import { ZNoticeSentSchema } from "@/lib/schemas/episode-notices";
import { instantFromWallTime } from "@/lib/step-codecs";
import { parseStep, throwViolations } from "./field-errors";
import { changeEpisode } from "./change-episode";
import { noticeToRecord, saveNotice } from "./episode-notice";

const orNull = (text: string) => (text === "" ? null : text);

/**
 * Records that a notice was given: to someone on the episode's notice list that the child is
 * missing (the default event), to law enforcement, NCMEC or the return list that the child is back,
 * or to law enforcement and NCMEC that their reports are to be cancelled. When (in the agency's time
 * zone: not in the future, not before its event) and why when late; for a return or a cancellation
 * who told whom and how, and for law enforcement and NCMEC whether the NCIC entry was cleared or
 * NCMEC's case closed. Refused for a notice the episode has no clock for. A second record corrects
 * the first while the episode is open; the notice's clock is met.
 */
export async function recordNoticeSent(
  actor: Actor,
  input: { episodeId: string; recipient: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:record");
  const form = parseStep(ZNoticeSentSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:record", change: "notice", version: form.version }, async ({ tx, loaded: { facts }, progress, who, now }) => {
    const { notice, recipient } = noticeToRecord(progress, form.event, input.recipient);
    const sentAt = instantFromWallTime(form.sentAt, facts.timeZone);
    if (!sentAt.ok) throw new ValidationError({ sentAt: sentAt.message });
    const lateReason = orNull(form.lateReason);
    const { clock } = notice;
    // The clock starts with its event, so the event's time is there; its start is the fallback.
    const notBefore = noticeNotBefore(facts, form.event) ?? clock.startedAt;
    throwViolations(checkNoticeSent(recipient, { sentAt: sentAt.instant, lateReason }, { event: form.event, notBefore, now, deadline: clock.deadline, ruleHours: clock.ruleHours }));
    const late = sentAt.instant.getTime() > clock.deadline.getTime();
    await saveNotice(
      tx,
      actor,
      facts,
      { event: form.event, recipient },
      {
        sentAt: sentAt.instant,
        notApplicableReason: null,
        // Kept as given, as a report's is: a later change of the missing event's times may make the notice late.
        note: lateReason,
        toldBy: orNull(form.toldBy),
        toWhom: orNull(form.toWhom),
        method: orNull(form.method),
        // Only law enforcement (the NCIC entry) and NCMEC (its case) have something to confirm.
        confirmed: isNoticeAuthority(recipient) ? form.confirmed : null,
      },
      now,
    );
    await audit(tx, who, "notice.sent_recorded", { target: { type: "Episode", id: facts.id }, details: { recipient, event: form.event, late } });
    return {};
  });
}
