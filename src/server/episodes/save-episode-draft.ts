import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { BadRequestError, ConflictError, ValidationError, type FieldErrors } from "@/server/use-case-errors";
import { isFormStepKey, type FormStepKey } from "@/domain/steps";
import { stepFieldNames } from "@/lib/schemas/episode-steps";
import { longText } from "@/lib/schemas/fields";
import { agencyScope } from "@/server/authz/agency-scope";
import { isUuid } from "@/lib/uuid";
import { isEditable } from "@/domain/episode-progress";
import { readStepVersions } from "./episode-documents";

/**
 * Keeps what a person has typed into a step but not saved (autosave). Drafts are not validated —
 * half-typed answers are the point — but only the step's own fields (read off its schema) are
 * kept, as strings, arrays or objects of strings, and text no field would take (a NUL, a broken
 * character) is refused by field. A draft is the person's own until they save.
 */
export async function saveEpisodeDraft(actor: Actor, input: { episodeId: string; step: string; baseVersion: number; values: unknown }): Promise<{ savedAt: Date; stale: boolean }> {
  assertCan(actor, "episodes:record");
  if (!isFormStepKey(input.step)) throw new NotFoundError();
  const step = input.step;
  const values = draftValues(step, input.values);
  if (!isUuid(input.episodeId)) throw new NotFoundError();
  return db().$transaction(async (tx) => {
    // Only what the save asks of the episode (is it still editable, which version is each step at),
    // not the whole episode: autosave runs every few seconds while someone types.
    const episode = await tx.episode.findFirst({
      where: agencyScope(actor).where({ id: input.episodeId }),
      select: { id: true, closedAt: true, voidedAt: true, stepVersions: true },
    });
    if (!episode) throw new NotFoundError();
    if (!isEditable(episode)) throw new ConflictError("CLOSED", "This episode is closed and can no longer be changed.");
    const draft = await tx.episodeDraft.upsert({
      where: { episodeId_step_userId: { episodeId: episode.id, step, userId: actor.userId } },
      create: { episodeId: episode.id, step, userId: actor.userId, values, baseVersion: input.baseVersion },
      update: { values, baseVersion: input.baseVersion },
      select: { updatedAt: true },
    });
    return { savedAt: draft.updatedAt, stale: (readStepVersions(episode.stepVersions)[step] ?? 0) > input.baseVersion };
  });
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

type DraftValue = string | boolean | null | DraftValue[] | { [key: string]: DraftValue };

function isDraftValue(value: unknown, depth: number): value is DraftValue {
  if (typeof value === "string") return value.length <= 4000;
  if (typeof value === "boolean" || value === null) return true;
  if (depth > 3) return false;
  if (Array.isArray(value)) return value.length <= 30 && value.every((item) => isDraftValue(item, depth + 1));
  // Nested keys are a form's field names ("marks.0.description"), never free text.
  if (typeof value === "object") return Object.entries(value).every(([key, item]) => FIELD_NAME.test(key) && isDraftValue(item, depth + 1));
  return false;
}

function draftValues(step: FormStepKey, values: unknown): Prisma.InputJsonObject {
  if (typeof values !== "object" || values === null || Array.isArray(values)) throw new BadRequestError();
  const known = stepFieldNames(step);
  if (Object.keys(values).some((key) => !known.includes(key))) throw new BadRequestError("The form sent a field it does not have.");
  const entries = Object.entries(values);
  if (!entries.every(([, value]) => isDraftValue(value, 1))) throw new BadRequestError();
  const problems = textProblems(values);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  return Object.fromEntries(entries);
}

/** Any text a draft may hold is what a multi-line answer would take; it is kept as typed, only checked. */
const ZDraftTextSchema = longText(null, 4000);

/** The first problem with each piece of text, by its field path ("marks.0.description"). */
function textProblems(value: unknown, path: string[] = [], problems: FieldErrors = {}): FieldErrors {
  if (typeof value === "string") {
    const message = ZDraftTextSchema.safeParse(value).error?.issues[0]?.message;
    if (message) problems[path.join(".")] ??= message;
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) textProblems(item, [...path, key], problems);
  }
  return problems;
}
