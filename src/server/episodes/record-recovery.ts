import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError, type FieldErrors } from "@/server/use-case-errors";
import { ZMarksSchema } from "@/domain/episode-facts";
import { checkRecoveryTimes, type RecoveryTimes } from "@/domain/recovery-rules";
import { ZRecoverySchema } from "@/lib/schemas/episode-recovery";
import { instantFromWallTime } from "@/lib/step-codecs";
import { documentOf } from "./episode-documents";
import { parseStep, throwViolations } from "./field-errors";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";

const orNull = <T extends string>(value: T | "") => (value === "" ? null : value);

/** The form's wall times as instants in the agency's zone; an empty one is not known, an unreadable one a field error. */
function timesOf(form: Record<keyof RecoveryTimes, string>, timeZone: string): RecoveryTimes {
  const errors: FieldErrors = {};
  const instant = (field: keyof RecoveryTimes) => {
    if (form[field] === "") return null;
    const result = instantFromWallTime(form[field], timeZone);
    if (result.ok) return result.instant;
    errors[field] = result.message;
    return null;
  };
  const times = { locatedAt: instant("locatedAt"), recoveredAt: instant("recoveredAt"), knownAt: instant("knownAt") };
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return times;
}

/**
 * Records the child's recovery, or corrects it while the episode is open: when the child was
 * located and when recovered (either first, at least one), when the agency learned of the
 * recovery (now when left empty: the return notices run from it), where, how and by whom, the
 * officer and case number when law enforcement found the child, the condition, new marks, the
 * placement and what the next packet says. Times are not in the future, not before the child was
 * last seen, and the agency cannot learn of a recovery before it. Refused before the missing event
 * is recorded, after the episode ended without a recovery, and when it would take back a recovery
 * whose return notices or debrief are recorded. Starts the return notices and the debrief.
 */
export async function recordRecovery(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  assertCan(actor, "reports:file");
  const form = parseStep(ZRecoverySchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "recovery", version: form.version }, async ({ tx, loaded: { facts }, who, now }) => {
    const missing = facts.missingEvent;
    if (!missing) throw new EpisodeRefusedError("recovery", "no-missing-event", "Record when the child went missing (step 2 of the report) before the recovery.");
    if (facts.ended) throw new EpisodeRefusedError("recovery", "ended", "This episode ended without a recovery; a recovery cannot be recorded on it.");
    const entered = timesOf(form, facts.timeZone);
    // Left empty, the agency learned of the recovery now (or at the recovery, if typed a minute ahead).
    const recoveredAt = entered.recoveredAt;
    const times = { ...entered, knownAt: entered.knownAt ?? (recoveredAt ? new Date(Math.max(now.getTime(), recoveredAt.getTime())) : null) };
    throwViolations(checkRecoveryTimes(times, { lastSeenAt: missing.lastSeenAt, now }));
    const followUpRecorded = facts.notices.some((notice) => notice.event === "RETURN") || facts.debrief !== null || facts.debriefAttempts.length > 0;
    if (facts.recovery?.recoveredAt && !times.recoveredAt && followUpRecorded) {
      throw new EpisodeRefusedError(
        "recovery",
        "recovered-follow-up-recorded",
        "Return notices or the debrief are recorded for this recovery, so when the child was recovered cannot be removed. Correct the time instead.",
      );
    }
    const byLawEnforcement = form.recoveredBy === "LAW_ENFORCEMENT";
    const data = {
      ...times,
      address: form.address,
      city: form.city,
      state: orNull(form.state),
      placeKind: orNull(form.placeKind),
      outOfState: form.outOfState,
      recoveredBy: orNull(form.recoveredBy),
      // The officer and case number belong to a recovery by law enforcement only.
      officerName: byLawEnforcement ? orNull(form.officerName) : null,
      lawEnforcementCaseNumber: byLawEnforcement ? orNull(form.lawEnforcementCaseNumber) : null,
      condition: form.condition,
      newMarks: documentOf(ZMarksSchema, form.newMarks),
      placement: form.placement,
      packetSummary: form.packetSummary,
      recordedById: actor.userId,
      recordedAt: now,
    };
    await tx.recovery.upsert({ where: { episodeId: facts.id }, create: { episodeId: facts.id, agencyId: facts.agencyId, ...data }, update: data });
    await audit(tx, who, "recovery.recorded", {
      target: { type: "Episode", id: facts.id },
      details: { located: times.locatedAt !== null, recovered: times.recoveredAt !== null, outOfState: form.outOfState },
    });
    return {};
  });
}
