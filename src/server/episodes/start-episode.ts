import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { BadRequestError, ConflictError, ValidationError } from "@/server/use-case-errors";
import { calendarDateIn, calendarDateOf, dateColumnOf } from "@/domain/zoned-time";
import { checkEligibility, provisionalMissingAt } from "@/domain/reporting-rules";
import { EMPTY_CHILD_PROFILE, ZChildProfileSchema, ZPrefillSchema, type Mark, type Prefill } from "@/domain/episode-facts";
import { isUuid } from "@/lib/uuid";
import { ZNewChildSchema } from "@/lib/schemas/start-report";
import { fieldErrorsFrom } from "./field-errors";
import { documentOf, readContacts, readDescription, readGuardian, readMarks, readRisks } from "./episode-documents";
import { STILL_MISSING } from "./still-missing";
import { syncEpisode } from "./sync-episode";
import { assignEpisode } from "./assign-episode";

/**
 * Opens a new episode for a known child or a new one. One missing episode per child at a time
 * (STILL_MISSING): a child who ran again once recovered gets a new episode at once, even while the
 * last one's debrief is due or its sign-off pending. The child's row is locked while checking, so
 * two people starting at once cannot both succeed. A known child's episode starts from the stable
 * facts of the last one (a voided one does not count), with the new marks noted at the latest
 * recovery added to the description, for the caseworker to confirm.
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
      const child = await tx.child.create({
        data: {
          agencyId: scope.agencyId,
          firstName,
          lastName,
          dateOfBirth: dateColumnOf(newChild.dateOfBirth),
          agencyCaseNumber,
          underAgencyGuardianship: underAgencyGuardianship === "yes",
          profile: documentOf(ZChildProfileSchema, EMPTY_CHILD_PROFILE),
        },
        select: { id: true },
      });
      childId = child.id;
      await audit(tx, auditWho(actor, context.requestId), "child.created", { target: { type: "Child", id: childId } });
    }

    const child = await tx.child.findFirstOrThrow({
      where: scope.where({ id: childId }),
      select: { dateOfBirth: true, underAgencyGuardianship: true },
    });
    const eligibility = checkEligibility({
      dateOfBirth: calendarDateOf(child.dateOfBirth),
      missingOn: calendarDateIn(provisionalMissingAt(now), actor.agency.timeZone),
      underAgencyGuardianship: child.underAgencyGuardianship,
    });
    if (!eligibility.eligible) {
      if ("newChild" in request) {
        throw new ValidationError({ [eligibility.reason === "not-under-guardianship" ? "underAgencyGuardianship" : "dateOfBirth"]: eligibility.message });
      }
      throw new ConflictError("INELIGIBLE", eligibility.message);
    }

    const open = await tx.episode.findFirst({ where: scope.where({ childId, ...STILL_MISSING }), select: { id: true } });
    if (open) {
      throw new ConflictError(
        "OPEN_EPISODE",
        "This child is still missing in an episode that is in progress (not recovered yet). Continue that episode instead of starting a new one.",
        { episodeId: open.id },
      );
    }

    const previous = await tx.episode.findFirst({
      where: scope.where({ childId, voidedAt: null }),
      orderBy: { createdAt: "desc" },
      select: { description: true, risks: true, contacts: true, guardian: true },
    });
    const latestRecovery = previous
      ? await tx.recovery.findFirst({
          where: { agencyId: scope.agencyId, recoveredAt: { not: null }, episode: { childId, voidedAt: null } },
          orderBy: { recoveredAt: "desc" },
          select: { newMarks: true },
        })
      : null;
    const episode = await tx.episode.create({
      data: {
        agencyId: scope.agencyId,
        childId,
        caseworkerId: actor.userId,
        completedSteps: [],
        prefill: previous ? documentOf(ZPrefillSchema, prefillFrom(previous, latestRecovery ? readMarks(latestRecovery.newMarks) : [])) : undefined,
      },
      select: { id: true },
    });
    await assignEpisode(tx, { agencyId: scope.agencyId, episodeId: episode.id, caseworkerId: actor.userId, assignedById: actor.userId, at: now });
    await audit(tx, auditWho(actor, context.requestId), "episode.created", { target: { type: "Episode", id: episode.id }, details: { childId, repeat: previous !== null } });
    await syncEpisode(tx, actor, episode.id, now);
    return { episodeId: episode.id };
  });
}

function parseStartInput(input: unknown): { childId: string } | { newChild: ReturnType<typeof ZNewChildSchema.parse> } {
  if (typeof input !== "object" || input === null) throw new BadRequestError();
  if ("childId" in input) {
    if (Object.keys(input).length !== 1 || !isUuid(input.childId)) throw new BadRequestError();
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

/**
 * The facts that usually stay the same between runs (read through the same parsers); the
 * event-specific ones start empty. New marks or tattoos noted at the latest recovery join the
 * description's marks (each once).
 */
function prefillFrom(previous: PreviousAnswers, newMarks: readonly Mark[]): Prefill {
  const contacts = previous.contacts === null ? null : readContacts(previous.contacts);
  const description = previous.description === null ? null : readDescription(previous.description);
  const sameMark = (a: Mark, b: Mark) => a.kind === b.kind && a.location === b.location && a.description === b.description;
  return {
    hasRunBefore: true,
    description: description ? { ...description, marks: newMarks.reduce((marks, mark) => (marks.some((known) => sameMark(known, mark)) ? marks : [...marks, mark]), description.marks) } : null,
    risks: previous.risks === null ? null : readRisks(previous.risks),
    contacts: contacts ? { phones: contacts.phones, accounts: contacts.accounts } : null,
    guardian: previous.guardian === null ? null : readGuardian(previous.guardian),
  };
}
