import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { fullName } from "@/domain/labels";
import { clockOf, episodeStage, type Clock, type EpisodeStage } from "@/domain/reporting-rules";

export const EPISODE_PAGE_SIZE = 20;
export const STAGE_FILTERS = ["open", "awaiting-law-enforcement", "awaiting-ncmec", "ready-to-submit", "reported", "closed", "all"] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];
export const SORTS = ["deadline", "child", "caseworker", "started"] as const;
export type Sort = (typeof SORTS)[number];

export type EpisodeRow = {
  id: string;
  childName: string;
  caseworkerName: string;
  mine: boolean;
  stage: EpisodeStage;
  discoveredAt: Date | null;
  createdAt: Date;
  lawEnforcement: Clock | null;
  ncmec: Clock | null;
};

// Each stage filter as SQL over the same facts episodeStage() reads (tests keep them in step).
const STAGE_SQL: Record<StageFilter, Prisma.Sql> = {
  all: Prisma.sql`TRUE`,
  open: Prisma.sql`e."closedAt" IS NULL`,
  "awaiting-law-enforcement": Prisma.sql`e."closedAt" IS NULL AND e."submittedAt" IS NULL AND le."id" IS NULL`,
  "awaiting-ncmec": Prisma.sql`e."closedAt" IS NULL AND e."submittedAt" IS NULL AND le."id" IS NOT NULL AND n."id" IS NULL`,
  "ready-to-submit": Prisma.sql`e."closedAt" IS NULL AND e."submittedAt" IS NULL AND le."id" IS NOT NULL AND n."id" IS NOT NULL`,
  reported: Prisma.sql`e."closedAt" IS NULL AND e."submittedAt" IS NOT NULL`,
  closed: Prisma.sql`e."closedAt" IS NOT NULL`,
};

const SORT_SQL: Record<Sort, Prisma.Sql> = {
  // The deadline is discoveredAt + 24 h, so ordering by discoveredAt orders by deadline; drafts
  // without a clock yet come last.
  deadline: Prisma.sql`e."discoveredAt"`,
  child: Prisma.sql`c."lastName", c."firstName"`,
  caseworker: Prisma.sql`u."name"`,
  started: Prisma.sql`e."createdAt"`,
};

type Row = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  caseworkerId: string;
  caseworkerName: string;
  discoveredAt: Date | null;
  createdAt: Date;
  submittedAt: Date | null;
  closedAt: Date | null;
  leAt: Date | null;
  ncmecAt: Date | null;
};

/** The agency's episodes, the actor's own first, filtered by stage, sorted and paginated. */
export async function listEpisodes(
  actor: Actor,
  input: { stage: StageFilter; sort: Sort; direction: "asc" | "desc"; page: number },
  context: { requestId: string; now?: Date },
): Promise<{ rows: EpisodeRow[]; total: number; page: number; pageCount: number }> {
  assertCan(actor, "cases:view");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  const direction = input.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const base = Prisma.sql`
    FROM "Episode" e
    JOIN "Child" c ON c."id" = e."childId" AND c."agencyId" = e."agencyId"
    JOIN "User" u ON u."id" = e."caseworkerId"
    LEFT JOIN "LawEnforcementReport" le ON le."episodeId" = e."id"
    LEFT JOIN "NcmecReport" n ON n."episodeId" = e."id"
    WHERE e."agencyId" = ${scope.agencyId}::uuid AND ${STAGE_SQL[input.stage]}`;

  return db().$transaction(async (tx) => {
    const [counted] = await tx.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count ${base}`;
    const total = Number(counted?.count ?? 0);
    const pageCount = Math.max(1, Math.ceil(total / EPISODE_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page) || 1), pageCount);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT e."id", c."firstName", c."middleName", c."lastName", e."caseworkerId", u."name" AS "caseworkerName",
             e."discoveredAt", e."createdAt", e."submittedAt", e."closedAt", le."reportedAt" AS "leAt", n."reportedAt" AS "ncmecAt"
      ${base}
      ORDER BY (e."caseworkerId" = ${actor.userId}::uuid) DESC, ${SORT_SQL[input.sort]} ${direction} NULLS LAST, e."id"
      LIMIT ${EPISODE_PAGE_SIZE} OFFSET ${(page - 1) * EPISODE_PAGE_SIZE}`;
    await recordAuditEvent(tx, {
      action: "episodes.listed",
      outcome: "SUCCESS",
      requestId: context.requestId,
      actorUserId: actor.userId,
      agencyId: scope.agencyId,
      details: { stage: input.stage, page, results: rows.length },
    });
    return {
      total,
      page,
      pageCount,
      rows: rows.map((row) => ({
        id: row.id,
        childName: fullName(row),
        caseworkerName: row.caseworkerName,
        mine: row.caseworkerId === actor.userId,
        stage: episodeStage({ lawEnforcementRecorded: row.leAt !== null, ncmecRecorded: row.ncmecAt !== null, submittedAt: row.submittedAt, closedAt: row.closedAt }),
        discoveredAt: row.discoveredAt,
        createdAt: row.createdAt,
        lawEnforcement: row.discoveredAt ? clockOf(row.discoveredAt, row.leAt, now) : null,
        ncmec: row.discoveredAt ? clockOf(row.discoveredAt, row.ncmecAt, now) : null,
      })),
    };
  });
}
