import "server-only";
import { Prisma, type ClockKind as ClockKindColumn } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { fullName } from "@/domain/episode-facts";
import { isUuid } from "@/lib/uuid";
import { STAGES, type EpisodeStage } from "@/domain/episode-progress";
import { clockState, type Clock, type ClockKind } from "@/domain/clocks";
import { STAGE_COLUMN, STAGE_OF_COLUMN } from "./sync-episode";

export const EPISODE_PAGE_SIZE = 20;
/** Counting stops here: "1,000 or more" is all a list needs to say, and counting further would read the agency's whole history. */
export const EPISODE_COUNT_CAP = 1000;
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
/** Where a page starts: after an episode of the previous page, or before one of the next (ids, never names). */
export type ListCursor = { after: string } | { before: string } | null;

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

export type EpisodePage = {
  rows: EpisodeRow[];
  /** How many episodes match, up to EPISODE_COUNT_CAP; `capped` when there are at least that many. */
  total: number;
  capped: boolean;
  /** The cursors of the neighbouring pages, null at either end. */
  previous: { before: string } | null;
  next: { after: string } | null;
};

// Open: not signed off and not voided (an episode ended without a recovery is open until signed off).
// Written as the open partial indexes' predicate, so that the planner uses them (decision 017).
const OPEN = Prisma.sql`e."closedAt" IS NULL AND e."stage" <> 'VOIDED'::"EpisodeStage"`;

/**
 * Each filter over the stage column, which syncEpisode() keeps equal to episodeProgress()'s stage
 * (tests compare them), or over the review's approval record (one per episode and purpose).
 */
function filterSql(filter: CaseFilter): Prisma.Sql {
  if (filter === "all") return Prisma.sql`TRUE`;
  if (filter === "open") return OPEN;
  if (filter === "awaiting-review") {
    // Walks the open episodes in the sort's order and keeps those with a requested review: bounded by the agency's open work, not its history.
    return Prisma.sql`${OPEN} AND EXISTS (
      SELECT 1 FROM "Approval" a
       WHERE a."episodeId" = e."id" AND a."agencyId" = e."agencyId" AND a."purpose" = 'REPORT_REVIEW'::"ApprovalPurpose" AND a."status" = 'REQUESTED'::"ApprovalStatus")`;
  }
  return Prisma.sql`e."stage" = ${STAGE_COLUMN[filter]}::"EpisodeStage"`;
}

/** Each sort's column on the episode's row; every one has an index (agency, column, id) per filter shape. Only the deadline can be null. */
const SORT_COLUMN: Record<Sort, { column: Prisma.Sql; nullable: boolean }> = {
  deadline: { column: Prisma.raw(`e."reportDeadline"`), nullable: true },
  child: { column: Prisma.raw(`e."childSortName"`), nullable: false },
  caseworker: { column: Prisma.raw(`e."caseworkerName"`), nullable: false },
  started: { column: Prisma.raw(`e."createdAt"`), nullable: false },
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
  /** The agency's episodes under the filter, counted up to EPISODE_COUNT_CAP, on every row. */
  total: number;
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

/** A run of rows in one order: one of at most two per page (the deadlines, then the episodes without one). */
type Segment = { where: Prisma.Sql; order: Prisma.Sql };

/**
 * The rows that follow the cursor's row, read ascending or descending (`ascending`). Ascending,
 * episodes without a deadline come last; descending is the exact reverse. Each run is a range of
 * one index read in its order, so a page reads about as many rows as it shows, however deep it is
 * and however many episodes the agency has.
 */
function segmentsAfter(sort: Sort, ascending: boolean, from: { key: unknown; id: string } | null): Segment[] {
  const { column, nullable } = SORT_COLUMN[sort];
  const up = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const past = ascending ? Prisma.sql`>` : Prisma.sql`<`;
  const keyed = (where: Prisma.Sql): Segment => ({ where: nullable ? Prisma.sql`${column} IS NOT NULL AND ${where}` : where, order: Prisma.sql`${column} ${up}, e."id" ${up}` });
  const unkeyed = (where: Prisma.Sql): Segment => ({ where: Prisma.sql`${column} IS NULL AND ${where}`, order: Prisma.sql`e."id" ${up}` });
  const afterKeyed = from && from.key !== null ? Prisma.sql`(${column}, e."id") ${past} (${from.key}, ${from.id}::uuid)` : Prisma.sql`TRUE`;
  if (!nullable) return [keyed(afterKeyed)];
  if (from === null) return ascending ? [keyed(Prisma.sql`TRUE`), unkeyed(Prisma.sql`TRUE`)] : [unkeyed(Prisma.sql`TRUE`), keyed(Prisma.sql`TRUE`)];
  const afterUnkeyed = Prisma.sql`e."id" ${past} ${from.id}::uuid`;
  if (from.key === null) return ascending ? [unkeyed(afterUnkeyed)] : [unkeyed(afterUnkeyed), keyed(Prisma.sql`TRUE`)];
  return ascending ? [keyed(afterKeyed), unkeyed(Prisma.sql`TRUE`)] : [keyed(afterKeyed)];
}

/**
 * One page of the agency's episodes, filtered by stage (or awaiting review), sorted, and keyset-paged:
 * a cursor names an episode of the neighbouring page, never a name or a deadline (nothing personal in
 * a URL). A cursor that is not an episode of the agency is ignored (the first page). The count stops
 * at EPISODE_COUNT_CAP.
 */
export async function listEpisodes(
  actor: Actor,
  input: { stage: CaseFilter; sort: Sort; direction: "asc" | "desc"; cursor: ListCursor },
  context: { requestId: string; now?: Date },
): Promise<EpisodePage> {
  assertCan(actor, "cases:view");
  const scope = agencyScope(actor);
  const now = context.now ?? new Date();
  const where = Prisma.sql`e."agencyId" = ${scope.agencyId}::uuid AND ${filterSql(input.stage)}`;
  const { column } = SORT_COLUMN[input.sort];

  return db().$transaction(async (tx) => {
    const cursorId = input.cursor && ("after" in input.cursor ? input.cursor.after : input.cursor.before);
    const [from] = cursorId && isUuid(cursorId)
      ? await tx.$queryRaw<{ key: unknown; id: string }[]>`SELECT ${column} AS "key", e."id" FROM "Episode" e WHERE e."id" = ${cursorId}::uuid AND e."agencyId" = ${scope.agencyId}::uuid`
      : [];
    const backwards = from !== undefined && input.cursor !== null && "before" in input.cursor;
    const ascending = (input.direction === "asc") !== backwards;
    const segments = segmentsAfter(input.sort, ascending, from ?? null);
    // One row more than a page tells whether another page follows in the direction read.
    const limit = EPISODE_PAGE_SIZE + 1;
    const runs = Prisma.join(
      segments.map(
        (segment, index) => Prisma.sql`(SELECT ${index}::int AS "run", e."id", e."childId", e."caseworkerId", e."caseworkerName", e."stage", e."discoveredAt", e."createdAt", ${column} AS "key"
           FROM "Episode" e WHERE ${where} AND ${segment.where} ORDER BY ${segment.order} LIMIT ${limit})`,
      ),
      " UNION ALL ",
    );
    const up = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
    // The count rides on the page's statement (one round trip fewer); an empty page counts apart.
    const count = Prisma.sql`SELECT count(*)::int FROM (SELECT 1 FROM "Episode" e WHERE ${where} LIMIT ${EPISODE_COUNT_CAP}) s`;
    const read = await tx.$queryRaw<Row[]>`
      SELECT p."id", c."firstName", c."middleName", c."lastName", p."caseworkerId", p."caseworkerName", p."stage", p."discoveredAt", p."createdAt",
             ${clockColumns("lec", "le")}, ${clockColumns("nc", "ncmec")}, (${count}) AS "total"
        FROM (SELECT * FROM (${runs}) r ORDER BY r."run", r."key" ${up}, r."id" ${up} LIMIT ${limit}) p
        JOIN "Child" c ON c."id" = p."childId" AND c."agencyId" = ${scope.agencyId}::uuid
        LEFT JOIN "EpisodeClock" lec ON lec."episodeId" = p."id" AND lec."kind" = 'LAW_ENFORCEMENT_REPORT' AND lec."subject" = ''
        LEFT JOIN "EpisodeClock" nc ON nc."episodeId" = p."id" AND nc."kind" = 'NCMEC_REPORT' AND nc."subject" = ''
       ORDER BY p."run", p."key" ${up}, p."id" ${up}`;
    const more = read.length > EPISODE_PAGE_SIZE;
    const shown = read.slice(0, EPISODE_PAGE_SIZE);
    if (backwards) shown.reverse();
    const first = shown[0]?.id;
    const last = shown.at(-1)?.id;
    // Read forwards, a page came before when a cursor brought us here; read backwards, one follows always.
    const previous = first && (backwards ? more : from !== undefined) ? { before: first } : null;
    const next = last && (backwards ? true : more) ? { after: last } : null;
    const total = read[0]?.total ?? (await tx.$queryRaw<{ count: number }[]>`${count}`)[0]?.count ?? 0;
    await audit(tx, auditWho(actor, context.requestId), "episodes.listed", { details: { stage: input.stage, page: from ? (backwards ? "before" : "after") : "first", results: shown.length } });
    return {
      total,
      capped: total >= EPISODE_COUNT_CAP,
      previous,
      next,
      rows: shown.map((row) => ({
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
