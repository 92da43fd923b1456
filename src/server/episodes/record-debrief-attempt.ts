import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { calendarDateIn, dateColumnOf } from "@/domain/zoned-time";
import { ZDebriefAttemptSchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode } from "./change-episode";
import { checkedInstant, requireRecovered } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Records an attempt to debrief the child that did not happen (the child declined or was
 * unavailable): when, in the agency's zone (not in the future, not before the recovery), the date of
 * the next attempt (not before this one's day) and a note. Documented attempts let a supervisor
 * accept the debrief without an interview. Refused before the child's recovery.
 */
export async function recordDebriefAttempt(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZDebriefAttemptSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "debrief", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    const recoveredAt = requireRecovered(facts, "debrief", "recording an attempt to debrief the child");
    const at = checkedInstant("at", form.at, { timeZone: facts.timeZone, now, what: "of the attempt", notBefore: { at: recoveredAt, what: "the child was recovered" } });
    if (form.nextAttemptOn !== "" && form.nextAttemptOn < calendarDateIn(at, facts.timeZone)) {
      throw new ValidationError({ nextAttemptOn: "The next attempt cannot be planned for a day before this attempt." });
    }
    const attempt = await tx.debriefAttempt.create({
      data: {
        agencyId: facts.agencyId,
        episodeId: facts.id,
        at,
        result: form.result,
        nextAttemptOn: form.nextAttemptOn === "" ? null : dateColumnOf(form.nextAttemptOn),
        note: form.note,
        recordedById: actor.userId,
        recordedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, who, "debrief.attempt_recorded", { target: { type: "Episode", id: facts.id }, details: { attemptId: attempt.id, result: form.result } });
    return {};
  });
}
