import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { ValidationError } from "@/server/use-case-errors";
import { calendarDate, optionalText } from "@/lib/schemas/fields";
import { fieldErrorsFrom } from "@/server/episodes/field-errors";
import { fullName } from "@/domain/labels";

export const ZChildSearchSchema = z
  .object({
    name: optionalText(100),
    dateOfBirth: z.union([z.literal(""), calendarDate("Enter the date of birth as a full date")]),
    agencyCaseNumber: optionalText(60),
  })
  .strict();

export type ChildSearchResult = {
  id: string;
  name: string;
  dateOfBirth: string;
  agencyCaseNumber: string;
  openEpisodeId: string | null;
  episodeCount: number;
};

/** Finds the agency's children by name, date of birth or case number (the search terms are not logged). */
export async function searchChildren(actor: Actor, input: unknown, context: { requestId: string }): Promise<ChildSearchResult[]> {
  assertCan(actor, "reports:file");
  const parsed = ZChildSearchSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  const { name, dateOfBirth, agencyCaseNumber } = parsed.data;
  if (!name && !dateOfBirth && !agencyCaseNumber) {
    throw new ValidationError({ name: "Enter a name, a date of birth or a case number to search for" });
  }
  const scope = agencyScope(actor);
  const words = name.split(/\s+/).filter(Boolean).slice(0, 4);
  return db().$transaction(async (tx) => {
    const children = await tx.child.findMany({
      where: scope.where({
        AND: [
          ...words.map((word) => ({
            OR: [
              { firstName: { contains: word, mode: "insensitive" as const } },
              { middleName: { contains: word, mode: "insensitive" as const } },
              { lastName: { contains: word, mode: "insensitive" as const } },
            ],
          })),
          ...(dateOfBirth ? [{ dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`) }] : []),
          ...(agencyCaseNumber ? [{ agencyCaseNumber: { equals: agencyCaseNumber, mode: "insensitive" as const } }] : []),
        ],
      }),
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      take: 25,
      select: {
        id: true,
        firstName: true,
        middleName: true,
        lastName: true,
        dateOfBirth: true,
        agencyCaseNumber: true,
        episodes: { select: { id: true, closedAt: true } },
      },
    });
    await recordAuditEvent(tx, {
      action: "children.searched",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: scope.agencyId,
      details: { results: children.length },
    });
    return children.map((child) => ({
      id: child.id,
      name: fullName(child),
      dateOfBirth: child.dateOfBirth.toISOString().slice(0, 10),
      agencyCaseNumber: child.agencyCaseNumber,
      openEpisodeId: child.episodes.find((e) => e.closedAt === null)?.id ?? null,
      episodeCount: child.episodes.length,
    }));
  });
}
