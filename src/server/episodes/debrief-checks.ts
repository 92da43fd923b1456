import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { ValidationError } from "@/server/use-case-errors";
import { FUTURE_GRACE_MS } from "@/domain/reporting-rules";
import { wallTimeToInstant } from "@/domain/zoned-time";
import type { DebriefFacts, EpisodeFacts } from "@/domain/episode-facts";
import { EpisodeRefusedError, type EpisodeChangeName } from "./change-episode";

/**
 * What the debrief and trafficking use cases share: a wall time read in the agency's zone and
 * checked against now and an earlier moment of the episode, the recovery they wait for, and the
 * debrief's one row.
 */

/** An instant the time must not be before, with what it is in words ("the child was recovered"). */
export type NotBefore = { at: Date; what: string };

/**
 * The instant of a wall time typed into `field`, in the agency's zone: refused when it is not a real
 * time, is in the future (a minute's grace for "now" rounded up), or is before `notBefore`.
 */
export function checkedInstant(field: string, wall: string, context: { timeZone: string; now: Date; what: string; notBefore: NotBefore | null }): Date {
  const read = wallTimeToInstant(wall, context.timeZone);
  if (!read.ok) {
    throw new ValidationError({ [field]: read.reason === "nonexistent" ? "That time did not happen on that day (the clocks went forward). Check it." : "Enter a real date and time." });
  }
  const at = read.instant;
  if (at.getTime() > context.now.getTime() + FUTURE_GRACE_MS) {
    throw new ValidationError({ [field]: `The time ${context.what} cannot be in the future.` });
  }
  if (context.notBefore && at.getTime() < context.notBefore.at.getTime()) {
    throw new ValidationError({ [field]: `The time ${context.what} cannot be before ${context.notBefore.what}. Check both times.` });
  }
  return at;
}

/** The debrief and the screen wait for the child's recovery: before it, the change is refused. */
export function requireRecovered(facts: Pick<EpisodeFacts, "recovery">, change: EpisodeChangeName, what: string): Date {
  const recoveredAt = facts.recovery?.recoveredAt;
  if (!recoveredAt) throw new EpisodeRefusedError(change, "not-recovered", `Record the child's recovery before ${what}.`);
  return recoveredAt;
}

/** The debrief is marked complete: nothing more is asked of it. */
export function refuseWhenDebriefComplete(facts: Pick<EpisodeFacts, "debrief">, what: string): void {
  if (facts.debrief?.completedAt) throw new EpisodeRefusedError("debrief", "already-complete", `The debrief is already marked complete, so ${what} is not needed.`);
}

/** What a use case writes to the debrief row: any of its answers and marks. */
export type DebriefValues = Partial<Omit<DebriefFacts, "recordedById" | "recordedAt">>;

/** Writes the episode's one debrief row: created with `values` the first time (by this person), updated after. */
export async function writeDebrief(tx: Tx, actor: Actor, facts: Pick<EpisodeFacts, "id" | "agencyId">, now: Date, values: DebriefValues): Promise<void> {
  await tx.returnDebrief.upsert({
    where: { episodeId: facts.id },
    create: { ...values, episodeId: facts.id, agencyId: facts.agencyId, recordedById: actor.userId, recordedAt: now },
    update: values,
  });
}
