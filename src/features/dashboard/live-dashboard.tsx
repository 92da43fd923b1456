"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { Pagination } from "@/features/ui/pagination";
import { isSignedOut, sessionEndedByServer } from "@/features/shell/session-end";
import type { Urgency } from "@/domain/dashboard";
import { isDashboardView, type TDashboardView } from "@/lib/schemas/dashboard-view";

/** How often the open page asks for the list again: a new episode or a recorded report shows within a minute. */
export const REFRESH_EVERY_MS = 30_000;

type Row = TDashboardView["groups"][number]["rows"][number];

/** Set apart by a heading and a border as well as its colour; the words say it all on their own. */
const GROUP_STYLE: Record<Urgency, string> = {
  overdue: "border-red-800 bg-red-50",
  "due-soon": "border-amber-700 bg-amber-50",
  running: "border-slate-400",
  none: "border-slate-400",
};

const GROUP_NOTE: Record<Urgency, string> = {
  overdue: "A deadline has passed: act on these first.",
  "due-soon": "A deadline falls within the next 2 hours.",
  running: "Every deadline is more than 2 hours away.",
  none: "No deadline is running on these episodes.",
};

/**
 * The dashboard's counts and rows, brought up to date every 30 seconds without a reload. The
 * refresh is a read the browser makes on its own: the server neither renews the session for it nor
 * audits it, and it is not told to the session's watch (src/features/shell/session-timer.tsx), so
 * the warning before the session ends still comes when nobody has used the page. A refused session
 * ends here as on any page: the sign-in page says why.
 */
export function LiveDashboard({ initial }: { initial: TDashboardView }) {
  // A new render of the page (other filters, another page) mounts a new one: see its key there.
  const [view, setView] = useState(initial);
  const [problem, setProblem] = useState(false);
  // What the next refresh asks for: the filters as the server last applied them (its page may have moved).
  const search = useRef(initial.search);
  // The child's link that had keyboard focus when a refresh came: its row may move to another
  // group, which mounts it anew, so focus is put back on it once the new list is shown.
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    const link = refocus.current;
    refocus.current = null;
    if (link === null || (document.activeElement !== null && document.activeElement !== document.body)) return;
    document.querySelector<HTMLElement>(`[data-episode-link="${CSS.escape(link)}"]`)?.focus();
  }, [view]);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      let response: Response;
      try {
        response = await fetch(`/api/dashboard?${search.current}`, { cache: "no-store", headers: { accept: "application/json" } });
      } catch {
        if (!stopped) setProblem(true);
        return;
      }
      const body: unknown = await response.json().catch(() => null);
      if (stopped) return;
      if (response.status === 401) return sessionEndedByServer({ reason: isSignedOut(body) ? body.reason : "ended" });
      if (!response.ok || !isDashboardView(body)) return setProblem(true);
      search.current = body.search;
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>("[data-episode-link]") : null;
      refocus.current = focused?.dataset.episodeLink ?? null;
      setView(body);
      setProblem(false);
    };
    const timer = setInterval(() => void refresh(), REFRESH_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const { counts } = view;
  return (
    <>
      <ul aria-label="Counts for these filters" className="mt-6 grid gap-3 sm:grid-cols-3">
        <Count label="Open episodes" value={counts.open} />
        <Count label="Overdue" value={counts.overdue} emphasis={counts.overdue > 0 ? "overdue" : undefined} />
        <Count label="Due within 2 hours" value={counts.dueSoon} emphasis={counts.dueSoon > 0 ? "due-soon" : undefined} />
      </ul>
      <p role="status" className="mt-3 text-sm">
        {problem
          ? `Homeward could not be reached, so this list is as it was at ${view.readAt}. It will try again in 30 seconds.`
          : `Brought up to date at ${view.readAt}. The list brings itself up to date every 30 seconds.`}
      </p>
      {view.groups.length === 0 ? <p className="mt-6">No open episodes match these filters.</p> : null}
      {view.groups.map((group) => (
        <section key={group.urgency} aria-labelledby={`group-${group.urgency}`} className={`mt-8 border-l-8 pl-3 ${GROUP_STYLE[group.urgency]}`}>
          <h2 id={`group-${group.urgency}`} className="pt-2 text-2xl font-bold">
            {group.heading}
          </h2>
          <p className="mt-1">{GROUP_NOTE[group.urgency]}</p>
          <EpisodeTable heading={group.heading} rows={group.rows} />
          <EpisodeList rows={group.rows} />
        </section>
      ))}
      <Pagination label="Dashboard pages" page={view.page} pageCount={view.pageCount} hrefFor={(page) => `/dashboard?${withPage(view.search, page)}`} />
    </>
  );
}

function withPage(search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page > 1) params.set("page", String(page));
  else params.delete("page");
  return params.toString();
}

function Count({ label, value, emphasis }: { label: string; value: number; emphasis?: Urgency }) {
  return (
    <li className={`rounded border-2 p-3 ${emphasis ? GROUP_STYLE[emphasis] : "border-slate-400"}`}>
      <span className="block text-3xl font-bold">{value}</span>
      <span className="font-semibold">{label}</span>
    </li>
  );
}

function ChildLink({ row, layout }: { row: Row; layout: "table" | "list" }) {
  return (
    <Link href={`/cases/${row.episodeId}`} data-episode-link={`${layout}:${row.episodeId}`} className="font-semibold text-blue-800 underline">
      {row.childName}
    </Link>
  );
}

function Clocks({ row }: { row: Row }) {
  if (row.clocks.length === 0) return <>None running</>;
  return (
    <ul className="space-y-1">
      {row.clocks.map((clock) => (
        <li key={clock.key}>
          <span className="font-semibold">{clock.title}</span>: {clock.timeLeft}
          <span className="block text-sm">Due {clock.deadline}</span>
        </li>
      ))}
    </ul>
  );
}

function Flags({ row }: { row: Row }) {
  if (row.flags.length === 0) return <>None</>;
  return (
    <ul>
      {row.flags.map((flag) => (
        <li key={flag}>{flag}</li>
      ))}
    </ul>
  );
}

/** From 1024 px: one table per group. */
function EpisodeTable({ heading, rows }: { heading: string; rows: Row[] }) {
  return (
    <table className="mt-3 hidden w-full border-collapse text-left lg:table">
      <caption className="sr-only">{heading}: open episodes, the most urgent first</caption>
      <thead>
        <tr className="border-b-2 border-slate-700">
          <th scope="col" className="py-2 pr-3">Status</th>
          <th scope="col" className="py-2 pr-3">Child</th>
          <th scope="col" className="py-2 pr-3">Age</th>
          <th scope="col" className="py-2 pr-3">Caseworker</th>
          <th scope="col" className="py-2 pr-3">Stage</th>
          <th scope="col" className="py-2 pr-3">Running clocks</th>
          <th scope="col" className="py-2">Flags</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.episodeId} className="border-b border-slate-300 align-top">
            <td className="py-2 pr-3 font-semibold">{row.status}</td>
            <th scope="row" className="py-2 pr-3 font-normal">
              <ChildLink row={row} layout="table" />
            </th>
            <td className="py-2 pr-3">{row.age ?? "Not known yet"}</td>
            <td className="py-2 pr-3">{row.caseworkerName}</td>
            <td className="py-2 pr-3">{row.stage}</td>
            <td className="py-2 pr-3">
              <Clocks row={row} />
            </td>
            <td className="py-2">
              <Flags row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Below 1024 px (a phone at night): each episode as labelled lines. */
function EpisodeList({ rows }: { rows: Row[] }) {
  return (
    <ul className="mt-3 space-y-4 lg:hidden">
      {rows.map((row) => (
        <li key={row.episodeId} className="rounded border border-slate-400 bg-white p-3">
          <p className="text-lg">
            <ChildLink row={row} layout="list" />
          </p>
          <dl className="mt-2 sm:grid sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-x-3 sm:gap-y-1">
            <Line term="Status">
              <span className="font-semibold">{row.status}</span>
            </Line>
            <Line term="Age">{row.age ?? "Not known yet"}</Line>
            <Line term="Caseworker">{row.caseworkerName}</Line>
            <Line term="Stage">{row.stage}</Line>
            <Line term="Running clocks">
              <Clocks row={row} />
            </Line>
            <Line term="Flags">
              <Flags row={row} />
            </Line>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function Line({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="mt-2 font-semibold sm:mt-0">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
