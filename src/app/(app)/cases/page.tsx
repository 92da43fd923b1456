import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { CASE_FILTERS, EPISODE_COUNT_CAP, listEpisodes, SORTS, type CaseFilter, type ListCursor, type Sort } from "@/server/episodes/list-episodes";
import { currentRequestId } from "@/server/request-id";
import { STAGE_LABELS } from "@/domain/episode-progress";
import { clockText } from "@/domain/clocks";
import { formatInstant } from "@/lib/format-time";

export const metadata: Metadata = { title: "Cases" };

const FILTER_LABELS: Record<CaseFilter, string> = { open: "All open episodes", "awaiting-review": "Awaiting review (submitted reports)", ...STAGE_LABELS, all: "All episodes" };

const SORT_LABELS: Record<Sort, string> = { deadline: "Deadline", child: "Child", caseworker: "Caseworker", started: "Started" };

type Search = { stage?: string; sort?: string; dir?: string; after?: string; before?: string };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor("/cases");
  const search = await searchParams;
  const supervises = can(actor.roles, "episodes:approve");
  // Reviewing is a supervisor's work: the filter is offered to them (anyone may still follow a link to it).
  const filters = CASE_FILTERS.filter((value) => supervises || value !== "awaiting-review");
  const stage = CASE_FILTERS.find((value) => value === search.stage) ?? "open";
  const sort = SORTS.find((value) => value === search.sort) ?? "deadline";
  const direction = search.dir === "desc" ? "desc" : "asc";
  // A page starts after or before an episode of its neighbour (an id: nothing personal in the address).
  const cursor: ListCursor = search.after ? { after: search.after } : search.before ? { before: search.before } : null;
  const { rows, total, capped, previous, next } = await listEpisodes(actor, { stage, sort, direction, cursor }, { requestId: await currentRequestId() });
  const tz = actor.agency.timeZone;
  // A new sort or filter starts at the first page; the neighbouring pages keep both.
  const link = (changes: Search) => `/cases?${new URLSearchParams({ stage, sort, dir: direction, ...changes }).toString()}`;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">Cases</h1>
        {can(actor.roles, "reports:file") ? (
          <Link href="/reports/new" className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900">
            Report a missing child
          </Link>
        ) : null}
      </div>
      {supervises && stage !== "awaiting-review" ? (
        <p className="mt-4">
          <Link href="/cases?stage=awaiting-review" className="font-semibold text-blue-800 underline">
            Show the reports awaiting review
          </Link>{" "}
          (submitted reports to approve or return with a comment; the reports to law enforcement and NCMEC never wait for this).
        </p>
      ) : null}
      {supervises && stage !== "awaiting-sign-off" ? (
        <p className="mt-4">
          <Link href="/cases?stage=awaiting-sign-off" className="font-semibold text-blue-800 underline">
            Show the episodes awaiting sign-off
          </Link>{" "}
          (closures a caseworker asked you or the on-call supervisors to approve or return).
        </p>
      ) : null}
      <form method="get" action="/cases" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="max-w-full">
          <label htmlFor="stage" className="block font-semibold">
            Show
          </label>
          {/* Keyed by the filter: a link to another filter keeps the page mounted, and an uncontrolled select would keep the old choice. */}
          <select key={stage} id="stage" name="stage" defaultValue={stage} className="mt-1 max-w-full rounded border-2 border-slate-600 bg-white px-3 py-2">
            {filters.map((value) => (
              <option key={value} value={value}>
                {FILTER_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={direction} />
        <button type="submit" className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900">
          Apply filter
        </button>
      </form>
      <p className="mt-4" role="status">
        {capped ? `${EPISODE_COUNT_CAP.toLocaleString("en-US")} or more episodes.` : `${total} ${total === 1 ? "episode" : "episodes"}.`} Yours are marked “yours”.
      </p>
      {/* A narrow screen scrolls the table inside its own region, never the page (WCAG 1.4.10); the
          region is positioned so that the headers' visually hidden words are clipped with the table. */}
      <div role="region" aria-labelledby="cases-caption" tabIndex={0} className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-left">
        <caption id="cases-caption" className="sr-only">
          {FILTER_LABELS[stage]}, sorted by {SORT_LABELS[sort].toLowerCase()}, {direction === "asc" ? "ascending" : "descending"}{cursor ? ", a later page" : ", first page"}
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            {(["child", "caseworker"] as const).map((column) => (
              <SortableHeader key={column} column={column} sort={sort} direction={direction} link={link} />
            ))}
            <th scope="col" className="py-2 pr-3">Status</th>
            <SortableHeader column="deadline" sort={sort} direction={direction} link={link} />
            <th scope="col" className="py-2 pr-3">Law enforcement</th>
            <th scope="col" className="py-2">NCMEC</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-300 align-top">
              <td className="py-2 pr-3">
                <Link href={`/cases/${row.id}`} className="text-blue-800 underline">
                  {row.childName}
                </Link>
                {row.mine ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-sm">yours</span> : null}
              </td>
              <td className="py-2 pr-3">{row.caseworkerName}</td>
              <td className="py-2 pr-3">{STAGE_LABELS[row.stage]}</td>
              <td className="py-2 pr-3">{row.lawEnforcement ? formatInstant(row.lawEnforcement.deadline, tz) : "Clock not started"}</td>
              <td className="py-2 pr-3">{row.lawEnforcement ? clockText(row.lawEnforcement) : "—"}</td>
              <td className="py-2">{row.ncmec ? clockText(row.ncmec) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {rows.length === 0 ? <p className="mt-4">No episodes match.</p> : null}
      {previous || next ? (
        <nav aria-label="Case pages" className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
          {previous ? (
            <Link className="text-blue-800 underline" href={link(previous)}>
              Previous page
            </Link>
          ) : null}
          {next ? (
            <Link className="text-blue-800 underline" href={link(next)}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function SortableHeader({ column, sort, direction, link }: { column: Sort; sort: Sort; direction: "asc" | "desc"; link: (changes: Search) => string }) {
  const active = sort === column;
  const nextDirection = active && direction === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className="py-2 pr-3" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={link({ sort: column, dir: nextDirection })} className="text-blue-800 underline">
        {SORT_LABELS[column]}
        <span className="sr-only">, sort {nextDirection === "asc" ? "ascending" : "descending"}</span>
        {active ? <span aria-hidden="true">{direction === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
