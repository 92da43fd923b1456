import "server-only";
import type { z } from "zod";
import { assertCan, type Actor } from "@/server/authz/guard";
import { ValidationError } from "@/server/use-case-errors";
import { FUTURE_GRACE_MS } from "@/domain/reporting-rules";
import { wallTimeToInstant } from "@/domain/zoned-time";
import { changeEpisode, type EpisodeChange } from "./change-episode";
import { parseStep } from "./field-errors";

/**
 * The opening every change to the search shares: the caseworker's permission (checked before the
 * form is read), the form parsed, then changeEpisode() as a "search" change with the page's version.
 */
export async function changeSearch<F extends { version: number }, T extends object>(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
  schema: z.ZodType<F>,
  work: (change: EpisodeChange, form: F) => Promise<T>,
): Promise<T & { version: number }> {
  assertCan(actor, "episodes:record");
  const form = parseStep(schema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:record", change: "search", version: form.version }, (change) => work(change, form));
}

/**
 * A wall time of a search form as an instant in the agency's zone: a time that happened, not after
 * now (a minute's grace for a rounded "now"), and not before `notBefore` (what it is, in words).
 */
export function searchInstant(field: string, wall: string, timeZone: string, now: Date, notBefore: { at: Date; what: string }): Date {
  const parsed = wallTimeToInstant(wall, timeZone);
  if (!parsed.ok) {
    throw new ValidationError({ [field]: parsed.reason === "nonexistent" ? "That time did not happen on that day (the clocks went forward). Check it." : "Enter a real date and time." });
  }
  if (parsed.instant.getTime() > now.getTime() + FUTURE_GRACE_MS) throw new ValidationError({ [field]: "This time cannot be in the future." });
  if (parsed.instant.getTime() < notBefore.at.getTime()) throw new ValidationError({ [field]: `This time cannot be before ${notBefore.what}. Check it.` });
  return parsed.instant;
}
