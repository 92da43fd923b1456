import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { BadRequestError, ConflictError } from "@/server/use-case-errors";
import { EMPTY_STEP_VALUES, FORM_STEP_KEYS, type FormStepKey } from "@/lib/schemas/episode-steps";
import { loadEpisode } from "./episode-record";

/**
 * Keeps what a person has typed into a step but not saved (autosave). Drafts are not validated —
 * half-typed answers are the point — but only the step's own fields are kept, as strings, arrays
 * or objects of strings. A draft is the person's own until they save the step.
 */
export async function saveEpisodeDraft(
  actor: Actor,
  input: { episodeId: string; step: string; baseVersion: number; values: unknown },
): Promise<{ savedAt: Date; stale: boolean }> {
  assertCan(actor, "reports:file");
  if (!(FORM_STEP_KEYS as string[]).includes(input.step)) throw new NotFoundError();
  const step = input.step as FormStepKey;
  const values = draftValues(step, input.values);
  return db().$transaction(async (tx) => {
    const episode = await loadEpisode(tx, actor, input.episodeId);
    if (episode.closedAt) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
    const draft = await tx.episodeDraft.upsert({
      where: { episodeId_step_userId: { episodeId: episode.id, step, userId: actor.userId } },
      create: { episodeId: episode.id, step, userId: actor.userId, values, baseVersion: input.baseVersion },
      update: { values, baseVersion: input.baseVersion },
      select: { updatedAt: true },
    });
    const stepVersion = (episode.stepVersions as Record<string, number>)[step] ?? 0;
    return { savedAt: draft.updatedAt, stale: stepVersion > input.baseVersion };
  });
}

function isPlain(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.length <= 4000;
  if (typeof value === "boolean" || value === null) return true;
  if (depth > 3) return false;
  if (Array.isArray(value)) return value.length <= 30 && value.every((item) => isPlain(item, depth + 1));
  if (typeof value === "object") return Object.values(value as object).every((item) => isPlain(item, depth + 1));
  return false;
}

function draftValues(step: FormStepKey, values: unknown): Prisma.InputJsonValue {
  if (typeof values !== "object" || values === null || Array.isArray(values)) throw new BadRequestError();
  const known = Object.keys(EMPTY_STEP_VALUES[step]);
  const unknown = Object.keys(values).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new BadRequestError("The form sent a field it does not have.");
  if (!isPlain(values, 0)) throw new BadRequestError();
  return values as Prisma.InputJsonValue;
}
