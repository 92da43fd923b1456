import "server-only";
import { dateColumnOf, calendarDateOf } from "@/domain/zoned-time";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { ZChildSearchSchema, type TChildSearchResult } from "@/lib/schemas/child-search";
import { fieldErrorsFrom } from "@/server/episodes/field-errors";
import { fullName } from "@/domain/episode-facts";
import { STILL_MISSING } from "@/server/episodes/still-missing";

/**
 * Prisma sends `contains` and case-insensitive `equals` to PostgreSQL as ILIKE patterns, unescaped:
 * this makes % and _ (and the backslash, ILIKE's escape) stand for themselves. A test searching
 * for a literal _ fails if Prisma starts escaping them itself.
 */
const literally = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Finds the agency's children by name, date of birth or case number (the search terms are not logged). */
export async function searchChildren(actor: Actor, input: unknown, context: { requestId: string }): Promise<TChildSearchResult[]> {
  assertCan(actor, "reports:file");
  const parsed = ZChildSearchSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  const { name, dateOfBirth, agencyCaseNumber } = parsed.data;
  const scope = agencyScope(actor);
  const words = name.split(/\s+/).filter(Boolean).slice(0, 4).map(literally);
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
          ...(dateOfBirth ? [{ dateOfBirth: dateColumnOf(dateOfBirth) }] : []),
          ...(agencyCaseNumber ? [{ agencyCaseNumber: { equals: literally(agencyCaseNumber), mode: "insensitive" as const } }] : []),
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
        // The episode the child is still missing in (a new one cannot start); voided episodes do not count.
        episodes: { where: STILL_MISSING, select: { id: true }, take: 1 },
        _count: { select: { episodes: { where: { voidedAt: null } } } },
      },
    });
    await audit(tx, auditWho(actor, context.requestId), "children.searched", { details: { results: children.length } });
    return children.map((child) => ({
      id: child.id,
      name: fullName(child),
      dateOfBirth: calendarDateOf(child.dateOfBirth),
      agencyCaseNumber: child.agencyCaseNumber,
      openEpisodeId: child.episodes[0]?.id ?? null,
      episodeCount: child._count.episodes,
    }));
  });
}
