import "server-only";
import { Prisma, type ClockKind as ClockKindColumn } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { fullName } from "@/domain/episode-facts";
import { STAGES, type EpisodeStage } from "@/domain/episode-progress";
import { clockState, type Clock, type ClockKind } from "@/domain/clocks";
import { STAGE_COLUMN, STAGE_OF_COLUMN } from "./sync-episode";

export const EPISODE_PAGE_SIZE = 20;
export const STAGE_FILTERS = ["open", ...STAGES, "all"] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];
/**
 * What the case list can show: the stage filters, and the open episodes whose report waits for a
 * supervisor's review (not a stage: nothing waits for the review).
 */
export const CASE_FILTERS = ["open", "awaiting-review", ...STAGES, "all"] as const satisfies readonly (StageFilter | "awaiting-review")[];
export type CaseFilter = (typeof CASE_FILTERS)[number];
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

// Open: not signed off and not voided (an episode ended without a recovery is open until signed off).
const OPEN = Prisma.sql`e."closedAt" IS NULL AND e."stage" <> 'VOIDED'::"EpisodeStage"`;

/**
 * Each filter over the stage column, which syncEpisode() keeps equal to episodeProgress()'s stage
 * (tests compare them), or over the review's approval record (one per episode and purpose).
 */
function filterSql(filter: CaseFilter): Prisma.Sql {
  if (filter === "all") return Prisma.sql`TRUE`;
  if (filter === "open") return OPEN;
  if (filter === "awaiting-review") {
    return Prisma.sql`${OPEN} AND EXISTS (
      SELECT 1 FROM "Approval" a
       WHERE a."episodeId" = e."id" AND a."agencyId" = e."agencyId" AND a."purpose" = 'REPORT_REVIEW'::"ApprovalPurpose" AND a."status" = 'REQUESTED'::"ApprovalStatus")`;
  }
  return Prisma.sql`e."stage" = ${STAGE_COLUMN[filter]}::"EpisodeStage"`;
}


const SORT_SQL: Record<Sort, Prisma.Sql> = {
  // Drafts without a clock yet come last.
  deadline: Prisma.sql`lec."deadline"`,
  child: Prisma.sql`c."lastName", c."firstName"`,
  caseworker: Prisma.sql`u."name"`,
  started: Prisma.sql`e."createdAt"`,
};

type ClockColumns = { Kind: ClockKindColumn | null; StartedAt: Date | null; RuleHours: number | null; Deadline: Date | null; DoneAt: Date | null; LateReason: string | null };
type Prefixed<P extends string> = { [F in keyof ClockColumns as `${P}${F & string}`]: ClockColumns[F] };
type Row = {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  caseworkerId: string;
  caseworkerName: string;
  stage: (typeof STAGE_COLUMN)[EpisodeStage];
  discoveredAt: Date | null;
  createdAt: Date;
} & Prefixed<"le"> &
  Prefixed<"ncmec">;

/** A clock row as the list reads it, its state worked out for `now`. */
function clockOfRow(c: ClockColumns, now: Date): Clock | null {
  if (!c.Kind || !c.StartedAt || !c.Deadline || c.RuleHours === null) return null;
  const kind: ClockKind = c.Kind;
  return clockState({ kind, subject: "", startedAt: c.StartedAt, ruleHours: c.RuleHours, deadline: c.Deadline, doneAt: c.DoneAt, lateReason: c.LateReason }, now);
}

/** The columns of a joined clock row, named `<prefix>Kind`, `<prefix>Deadline`, …. */
const clockColumns = (alias: string, prefix: string) =>
  Prisma.raw(["kind", "startedAt", "ruleHours", "deadline", "doneAt", "lateReason"].map((c) => `${alias}."${c}" AS "${prefix}${c[0]!.toUpperCase()}${c.slice(1)}"`).join(", "));

/** The agency's episodes, the actor's own first, filtered by stage (or awaiting review), sorted and paginated. */
export async function listEpisodes(
  actor: Actor,
  input: { stage: CaseFilter; sort: Sort; direction: "asc" | "desc"; page: number },
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
    LEFT JOIN "EpisodeClock" lec ON lec."episodeId" = e."id" AND lec."kind" = 'LAW_ENFORCEMENT_REPORT' AND lec."subject" = ''
    LEFT JOIN "EpisodeClock" nc ON nc."episodeId" = e."id" AND nc."kind" = 'NCMEC_REPORT' AND nc."subject" = ''
    WHERE e."agencyId" = ${scope.agencyId}::uuid AND ${filterSql(input.stage)}`;

  return db().$transaction(async (tx) => {
    const [counted] = await tx.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count ${base}`;
    const total = Number(counted?.count ?? 0);
    const pageCount = Math.max(1, Math.ceil(total / EPISODE_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(input.page) || 1), pageCount);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT e."id", c."firstName", c."middleName", c."lastName", e."caseworkerId", u."name" AS "caseworkerName",
             e."stage", e."discoveredAt", e."createdAt", ${clockColumns("lec", "le")}, ${clockColumns("nc", "ncmec")}
      ${base}
      ORDER BY (e."caseworkerId" = ${actor.userId}::uuid) DESC, ${SORT_SQL[input.sort]} ${direction} NULLS LAST, e."id"
      LIMIT ${EPISODE_PAGE_SIZE} OFFSET ${(page - 1) * EPISODE_PAGE_SIZE}`;
    await audit(tx, auditWho(actor, context.requestId), "episodes.listed", { details: { stage: input.stage, page, results: rows.length } });
    return {
      total,
      page,
      pageCount,
      rows: rows.map((row) => ({
        id: row.id,
        childName: fullName(row),
        caseworkerName: row.caseworkerName,
        mine: row.caseworkerId === actor.userId,
        stage: STAGE_OF_COLUMN[row.stage],
        discoveredAt: row.discoveredAt,
        createdAt: row.createdAt,
        lawEnforcement: clockOfRow({ Kind: row.leKind, StartedAt: row.leStartedAt, RuleHours: row.leRuleHours, Deadline: row.leDeadline, DoneAt: row.leDoneAt, LateReason: row.leLateReason }, now),
        ncmec: clockOfRow({ Kind: row.ncmecKind, StartedAt: row.ncmecStartedAt, RuleHours: row.ncmecRuleHours, Deadline: row.ncmecDeadline, DoneAt: row.ncmecDoneAt, LateReason: row.ncmecLateReason }, now),
      })),
    };
  });
}
