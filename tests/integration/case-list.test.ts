// The case list's keyset pages (decision 017): every filter, sort and direction walks the same order
// as the episodes sorted here from what they hold, forwards with "next" and backwards with
// "previous"; the sort copies on the episode's row follow a renamed child, a renamed caseworker and a
// reassignment; a cursor from elsewhere shows the first page; the count stops at its cap.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { reassignEpisode } from "@/server/episodes/reassign-episode";
import { updateUser } from "@/server/users/update-user";
import { EPISODE_COUNT_CAP, EPISODE_PAGE_SIZE, listEpisodes, type CaseFilter, type ListCursor, type Sort } from "@/server/episodes/list-episodes";
import { STAGE_COLUMN } from "@/server/episodes/sync-episode";
import type { FormStepKey } from "@/domain/steps";
import type { StepValues } from "@/lib/schemas/episode-steps";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { requestId, resetDatabase, makeTwoAgencies } from "./support";

const ctx = () => ({ requestId: requestId() });
const HOUR = 3_600_000;
const LAST_NAMES = ["Nguyen", "Abbott", "Okafor", "Zimmer", "Baker", "Lopez", "Chen", "Diaz", "Evans", "Moreau", "Abbott", "Nguyen"];
const FIRST_NAMES = ["Sam", "Ari", "Kai", "Noa", "Eli"];

let caseworker: Actor;
let colleague: Actor;
let supervisor: Actor;
let admin: Actor;
let outsider: Actor;
let outsiderEpisode: string;
const EPISODES = 45;

async function save(actor: Actor, episodeId: string, step: FormStepKey, values: StepValues[FormStepKey]) {
  const { version } = await db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true } });
  return saveEpisodeStep(actor, { episodeId, step, version, values }, ctx());
}

beforeAll(async () => {
  await resetDatabase();
  ({ caseworker, colleague, supervisor, admin, outsider } = await makeTwoAgencies());
  outsiderEpisode = (await startEpisode(outsider, { newChild: { firstName: "Pat", lastName: "Outside", dateOfBirth: "2012-02-02", agencyCaseNumber: "NC-1", underAgencyGuardianship: "yes" } }, ctx())).episodeId;
  const now = new Date();
  for (let i = 0; i < EPISODES; i += 1) {
    const actor = i % 3 === 0 ? colleague : caseworker;
    const child = { firstName: FIRST_NAMES[i % FIRST_NAMES.length]!, lastName: LAST_NAMES[i % LAST_NAMES.length]!, dateOfBirth: "2011-05-14", agencyCaseNumber: `DC-${i}`, underAgencyGuardianship: "yes" as const };
    const { episodeId } = await startEpisode(actor, { newChild: child }, ctx());
    // Two of every three start their clocks, some at the same instant (the id breaks the tie).
    if (i % 3 !== 2) {
      const steps = completeSteps(now);
      await save(actor, episodeId, "child", { ...steps.child, ...child, middleName: "" });
      const discovered = new Date(now.getTime() - ((i * 7) % 11) * HOUR);
      await save(actor, episodeId, "missing-event", { ...steps["missing-event"], discoveredAt: newYorkWall(discovered), lastSeenAt: newYorkWall(new Date(discovered.getTime() - 2 * HOUR)) });
    }
  }
  // Some leave the open list.
  const closed = await db().episode.findMany({ where: { agencyId: caseworker.agency.id }, select: { id: true }, orderBy: { createdAt: "asc" }, take: 6 });
  await db().episode.updateMany({ where: { id: { in: closed.slice(0, 4).map((e) => e.id) } }, data: { stage: "CLOSED", closedAt: now } });
  await db().episode.updateMany({ where: { id: { in: closed.slice(4).map((e) => e.id) } }, data: { stage: "VOIDED", voidedAt: now, voidedById: supervisor.userId, voidReason: "Twice" } });
}, 120_000);

/** Every episode of the agency in the order a sort promises, worked out here from what each holds. */
async function expectedOrder(filter: CaseFilter, sort: Sort, direction: "asc" | "desc"): Promise<string[]> {
  const episodes = await db().episode.findMany({
    where: { agencyId: caseworker.agency.id },
    select: { id: true, stage: true, closedAt: true, createdAt: true, child: { select: { firstName: true, lastName: true } }, caseworker: { select: { name: true } }, clocks: { where: { kind: "LAW_ENFORCEMENT_REPORT" }, select: { deadline: true } } },
  });
  const shown = episodes.filter((e) =>
    filter === "all" ? true : filter === "open" ? e.closedAt === null && e.stage !== "VOIDED" : filter === "awaiting-review" ? false : e.stage === STAGE_COLUMN[filter],
  );
  const key = (e: (typeof episodes)[number]): string | number | null =>
    sort === "deadline" ? (e.clocks[0]?.deadline.getTime() ?? null) : sort === "child" ? `${e.child.lastName}, ${e.child.firstName}` : sort === "caseworker" ? e.caseworker.name : e.createdAt.getTime();
  const compare = (a: (typeof episodes)[number], b: (typeof episodes)[number]) => {
    const [ka, kb] = [key(a), key(b)];
    // Ascending, the episodes without a deadline come last.
    if (ka === null || kb === null) return ka === kb ? (a.id < b.id ? -1 : 1) : ka === null ? 1 : -1;
    return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
  };
  const ordered = shown.sort(compare).map((e) => e.id);
  return direction === "asc" ? ordered : ordered.reverse();
}

async function walk(actor: Actor, stage: CaseFilter, sort: Sort, direction: "asc" | "desc") {
  const list = (cursor: ListCursor) => listEpisodes(actor, { stage, sort, direction, cursor }, ctx());
  const pages: string[][] = [];
  let page = await list(null);
  expect(page.previous).toBeNull();
  pages.push(page.rows.map((row) => row.id));
  while (page.next) {
    page = await list(page.next);
    expect(page.rows.length).toBeGreaterThan(0);
    pages.push(page.rows.map((row) => row.id));
  }
  // And back again from the last page, page by page.
  const back: string[][] = [page.rows.map((row) => row.id)];
  while (page.previous) {
    page = await list(page.previous);
    back.unshift(page.rows.map((row) => row.id));
  }
  return { pages, back, total: page.total };
}

describe("the case list's pages", () => {
  it.each([
    ["open", "deadline", "asc"],
    ["open", "deadline", "desc"],
    ["all", "deadline", "asc"],
    ["all", "deadline", "desc"],
    ["all", "child", "asc"],
    ["all", "child", "desc"],
    ["open", "caseworker", "asc"],
    ["all", "started", "desc"],
    ["awaiting-law-enforcement", "deadline", "desc"],
    ["awaiting-law-enforcement", "child", "desc"],
    ["closed", "started", "asc"],
  ] as const)("walk %s by %s %s forwards and back in the promised order, a page at a time", async (stage, sort, direction) => {
    const expected = await expectedOrder(stage, sort, direction);
    expect(expected.length).toBeGreaterThan(0);
    const { pages, back, total } = await walk(supervisor, stage, sort, direction);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((page) => page.length === EPISODE_PAGE_SIZE)).toBe(true);
    expect(back).toEqual(pages);
    expect(total).toBe(expected.length);
  });

  it("keep the deadline copy equal to the law-enforcement clock's deadline", async () => {
    const mismatched = await db().$queryRaw<{ id: string }[]>`
      SELECT e."id" FROM "Episode" e LEFT JOIN "EpisodeClock" k ON k."episodeId" = e."id" AND k."kind" = 'LAW_ENFORCEMENT_REPORT' AND k."subject" = ''
       WHERE e."reportDeadline" IS DISTINCT FROM k."deadline"`;
    expect(mismatched).toEqual([]);
    expect(await db().episode.count({ where: { reportDeadline: { not: null } } })).toBeGreaterThan(20);
  });

  it("keep the dashboard's copy equal to the earliest deadline of a clock not met yet", async () => {
    const mismatched = await db().$queryRaw<{ id: string }[]>`
      SELECT e."id" FROM "Episode" e
       WHERE e."nextDeadline" IS DISTINCT FROM (SELECT min(k."deadline") FROM "EpisodeClock" k WHERE k."episodeId" = e."id" AND k."doneAt" IS NULL)`;
    expect(mismatched).toEqual([]);
    expect(await db().episode.count({ where: { nextDeadline: { not: null } } })).toBeGreaterThan(20);
  });

  it("show the first page for a cursor from another agency or that is no episode, and nothing of the other agency", async () => {
    const first = await listEpisodes(supervisor, { stage: "all", sort: "child", direction: "asc", cursor: null }, ctx());
    for (const cursor of [{ after: outsiderEpisode }, { before: outsiderEpisode }, { after: "not-an-id" }, { before: "7f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" }]) {
      const page = await listEpisodes(supervisor, { stage: "all", sort: "child", direction: "asc", cursor }, ctx());
      expect(page.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
      expect(page.previous).toBeNull();
    }
    const theirs = await listEpisodes(outsider, { stage: "all", sort: "child", direction: "asc", cursor: { after: first.rows[0]!.id } }, ctx());
    expect(theirs.rows.map((row) => row.id)).toEqual([outsiderEpisode]);
  });

  it("follow a renamed child, a renamed caseworker and a reassignment", async () => {
    const order = async (sort: Sort) => (await walk(supervisor, "all", sort, "asc")).pages.flat();
    // Rename the child of an episode whose child has another episode: both move to the front.
    const [target] = await db().$queryRaw<{ id: string; childId: string }[]>`
      SELECT e."id", e."childId" FROM "Episode" e WHERE e."agencyId" = ${caseworker.agency.id}::uuid AND e."caseworkerId" = ${caseworker.userId}::uuid AND e."stage" <> 'VOIDED' AND e."closedAt" IS NULL ORDER BY e."createdAt" LIMIT 1`;
    const sibling = await db().episode.create({ data: { agencyId: caseworker.agency.id, childId: target!.childId, caseworkerId: colleague.userId, stage: "CLOSED", closedAt: new Date(), completedSteps: [] }, select: { id: true } });
    await save(caseworker, target!.id, "child", { ...completeSteps(new Date()).child, firstName: "Aaron", middleName: "", lastName: "Aaberg" });
    expect((await order("child")).slice(0, 2).sort()).toEqual([target!.id, sibling.id].sort());

    // Rename the colleague: their episodes sort under the new name.
    const person = await db().user.findUniqueOrThrow({ where: { id: colleague.userId } });
    await updateUser(admin, colleague.userId, { name: "Zz Last Person", email: person.email, roles: ["CASEWORKER"], teamId: "", onCall: false }, ctx());
    const byCaseworker = await order("caseworker");
    const colleagues = await db().episode.count({ where: { caseworkerId: colleague.userId } });
    expect(await db().episode.findMany({ where: { id: { in: byCaseworker.slice(-colleagues) } }, select: { caseworkerId: true } })).toEqual(Array(colleagues).fill({ caseworkerId: colleague.userId }));

    // Reassign one of the caseworker's episodes to the colleague: it moves with the name.
    const { version } = await db().episode.findUniqueOrThrow({ where: { id: target!.id }, select: { version: true } });
    await reassignEpisode(supervisor, { episodeId: target!.id, values: { version, caseworkerId: colleague.userId } }, ctx());
    expect((await order("caseworker")).slice(-(colleagues + 1))).toContain(target!.id);
    expect(await expectedOrder("all", "caseworker", "asc")).toEqual(await order("caseworker"));
  });

  it("count the episodes on a page with none to show: after the last episode, the list is empty and still says how many there are", async () => {
    const expected = await expectedOrder("all", "started", "asc");
    const past = await listEpisodes(supervisor, { stage: "all", sort: "started", direction: "asc", cursor: { after: expected.at(-1)! } }, ctx());
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(expected.length);
  });

  it("count up to the cap and say when there are more", async () => {
    const { childId } = await db().episode.findFirstOrThrow({ where: { agencyId: caseworker.agency.id }, select: { childId: true } });
    await db().$executeRaw`
      INSERT INTO "Episode" ("id", "agencyId", "childId", "caseworkerId", "stage", "completedSteps", "updatedAt", "closedAt")
      SELECT gen_random_uuid(), ${caseworker.agency.id}::uuid, ${childId}::uuid, ${caseworker.userId}::uuid, 'CLOSED', '{}', now(), now() FROM generate_series(1, ${EPISODE_COUNT_CAP})`;
    const all = await listEpisodes(supervisor, { stage: "all", sort: "started", direction: "asc", cursor: null }, ctx());
    expect(all).toMatchObject({ total: EPISODE_COUNT_CAP, capped: true });
    const open = await listEpisodes(supervisor, { stage: "open", sort: "started", direction: "asc", cursor: null }, ctx());
    expect(open.capped).toBe(false);
    expect(open.total).toBe((await expectedOrder("open", "started", "asc")).length);
  });
});
