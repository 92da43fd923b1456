import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { BadRequestError, ConflictError, ValidationError } from "@/server/use-case-errors";
import { calendarDateIn } from "@/domain/zoned-time";
import { checkEligibility, provisionalMissingAt } from "@/domain/reporting-rules";
import { EMPTY_STEP_VALUES } from "@/lib/schemas/episode-steps";
import { ZNewChildSchema } from "@/lib/schemas/start-report";
import { fieldErrorsFrom } from "./field-errors";

/**
 * Opens a new episode for a known child or a new one. One open episode per child: the child's row
 * is locked while checking, so two people starting at once cannot both succeed. A known child's
 * episode starts from the stable facts of the last one, for the caseworker to confirm.
 */
export async function startEpisode(
  actor: Actor,
  input: unknown,
  context: { requestId: string; now?: Date },
): Promise<{ episodeId: string }> {
  assertCan(actor, "reports:file");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  const request = parseStartInput(input);

  return db().$transaction(async (tx) => {
    let childId: string;
    if ("childId" in request) {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Child" WHERE "id" = ${request.childId}::uuid AND "agencyId" = ${scope.agencyId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError();
      childId = request.childId;
    } else {
      const { newChild } = request;
      const { firstName, lastName, agencyCaseNumber, underAgencyGuardianship } = newChild;
      const { firstName: _f, lastName: _l, dateOfBirth: _d, agencyCaseNumber: _a, underAgencyGuardianship: _u, middleName: _m, ...profile } =
        EMPTY_STEP_VALUES.child;
      const child = await tx.child.create({
        data: {
          agencyId: scope.agencyId,
          firstName,
          lastName,
          dateOfBirth: new Date(`${newChild.dateOfBirth}T00:00:00Z`),
          agencyCaseNumber,
          underAgencyGuardianship: underAgencyGuardianship === "yes",
          profile: profile as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      childId = child.id;
      await recordAuditEvent(tx, {
        action: "child.created",
        outcome: "SUCCESS",
        requestId: context.requestId,
        actorUserId: actor.userId,
        agencyId: scope.agencyId,
        target: { type: "Child", id: childId },
      });
    }

    const child = await tx.child.findFirstOrThrow({
      where: scope.where({ id: childId }),
      select: { dateOfBirth: true, underAgencyGuardianship: true },
    });
    const eligibility = checkEligibility({
      dateOfBirth: child.dateOfBirth.toISOString().slice(0, 10),
      missingOn: calendarDateIn(provisionalMissingAt(now), actor.agency.timeZone),
      underAgencyGuardianship: child.underAgencyGuardianship,
    });
    if (!eligibility.eligible) {
      if ("newChild" in request) {
        throw new ValidationError({ [eligibility.reason === "not-under-guardianship" ? "underAgencyGuardianship" : "dateOfBirth"]: eligibility.message });
      }
      throw new ConflictError("INELIGIBLE", eligibility.message);
    }

    const open = await tx.episode.findFirst({ where: scope.where({ childId, closedAt: null }), select: { id: true } });
    if (open) {
      throw new ConflictError("OPEN_EPISODE", "This child already has an open missing episode. Continue that report instead.", {
        episodeId: open.id,
      });
    }

    const previous = await tx.episode.findFirst({
      where: scope.where({ childId }),
      orderBy: { createdAt: "desc" },
      select: { description: true, risks: true, contacts: true, guardian: true },
    });
    const episode = await tx.episode.create({
      data: {
        agencyId: scope.agencyId,
        childId,
        caseworkerId: actor.userId,
        completedSteps: [],
        prefill: previous ? prefillFrom(previous) : undefined,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      action: "episode.created",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: scope.agencyId,
      target: { type: "Episode", id: episode.id },
      details: { childId, repeat: previous !== null },
    });
    return { episodeId: episode.id };
  });
}

function parseStartInput(input: unknown): { childId: string } | { newChild: ReturnType<typeof ZNewChildSchema.parse> } {
  if (typeof input !== "object" || input === null) throw new BadRequestError();
  if ("childId" in input) {
    if (Object.keys(input).length !== 1 || typeof input.childId !== "string" || !/^[0-9a-f-]{36}$/i.test(input.childId)) throw new BadRequestError();
    return { childId: input.childId };
  }
  if ("newChild" in input && Object.keys(input).length === 1) {
    const parsed = ZNewChildSchema.safeParse(input.newChild);
    if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
    return { newChild: parsed.data };
  }
  throw new BadRequestError();
}

type PreviousAnswers = { description: unknown; risks: unknown; contacts: unknown; guardian: unknown };

/** The facts that usually stay the same between runs; the event-specific ones start empty. */
function prefillFrom(previous: PreviousAnswers): Prisma.InputJsonValue {
  const prefill: Record<string, unknown> = { "missing-event": { ...EMPTY_STEP_VALUES["missing-event"], hasRunBefore: "yes" } };
  if (previous.description) prefill.description = previous.description;
  if (previous.risks) prefill.risks = previous.risks;
  if (previous.contacts) {
    const contacts = previous.contacts as { phones: unknown[]; accounts: unknown[] };
    prefill.contacts = { ...EMPTY_STEP_VALUES.contacts, phones: contacts.phones, accounts: contacts.accounts };
  }
  if (previous.guardian) prefill.guardian = previous.guardian;
  return prefill as Prisma.InputJsonValue;
}
