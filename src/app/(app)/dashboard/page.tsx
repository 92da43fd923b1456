import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { currentRequestId } from "@/server/request-id";
import { listDashboard } from "@/server/dashboard/list-dashboard";
import { dashboardChoices } from "@/server/dashboard/dashboard-choices";
import { dashboardView } from "@/server/dashboard/dashboard-view";
import { OPEN_STAGES, URGENCIES, URGENCY_LABELS } from "@/domain/dashboard";
import { STAGE_LABELS } from "@/domain/episode-progress";
import { parseDashboardSearch } from "@/lib/schemas/dashboard-search";
import { LiveDashboard } from "@/features/dashboard/live-dashboard";

export const metadata: Metadata = { title: "Open episodes" };

type Search = Record<string, string | string[] | undefined>;


/**
 * The supervisors' dashboard (issue 14): every open episode of their teams, or of the agency, the
 * most urgent first, kept current by LiveDashboard. Each load is audited once (dashboard.viewed).
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor("/dashboard");
  const request = parseDashboardSearch(await searchParams);
  const [dashboard, choices] = await Promise.all([
    listDashboard(actor, request, { requestId: await currentRequestId(), audit: true }),
    dashboardChoices(actor),
  ]);
  const view = dashboardView(dashboard, actor.agency.timeZone);
  const { filters, supervisedTeams } = dashboard;
  const mine = supervisedTeams.length > 0 ? `Your teams (${supervisedTeams.map((team) => team.name).join(", ")})` : "Your teams (you lead none)";
  const teamValue = filters.team === "one" ? (filters.teamId ?? "all") : filters.team;
  const whose =
    filters.team === "all"
      ? "the whole agency"
      : filters.team === "mine"
        ? supervisedTeams.length > 0
          ? "the teams you supervise"
          : "the teams you supervise, and you supervise none: choose Whole agency"
        : (choices.teams.find((team) => team.id === filters.teamId)?.name ?? "a team that no longer exists");

  return (
    <>
      <h1 className="text-3xl font-bold">Open episodes</h1>
      <p className="mt-2 max-w-prose">
        Showing {whose}
        {dashboard.onCall && filters.team === "all" ? " (you are on call)" : ""}. The most urgent are first: an episode is as urgent as its earliest
        deadline still running.
      </p>
      <form method="get" action="/dashboard" className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect
          name="team"
          label="Team"
          value={teamValue}
          options={[{ value: "mine", label: mine }, { value: "all", label: "Whole agency" }, ...choices.teams.map((team) => ({ value: team.id, label: team.name }))]}
        />
        <FilterSelect
          name="caseworker"
          label="Caseworker"
          value={filters.caseworkerId ?? ""}
          options={[
            { value: "", label: "Any caseworker" },
            ...choices.caseworkers.map((person) => ({ value: person.id, label: person.active ? person.name : `${person.name} (deactivated)` })),
          ]}
        />
        <FilterSelect
          name="stage"
          label="Stage"
          value={filters.stage ?? ""}
          options={[{ value: "", label: "Any stage" }, ...OPEN_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))]}
        />
        <FilterSelect
          name="clock"
          label="Clocks"
          value={filters.clock ?? ""}
          options={[{ value: "", label: "Any" }, ...URGENCIES.map((urgency) => ({ value: urgency, label: URGENCY_LABELS[urgency] }))]}
        />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900">
            Apply filters
          </button>
          <Link href="/dashboard" className="text-blue-800 underline">
            Clear filters
          </Link>
        </div>
      </form>
      {/* A new server render (other filters or page) starts a new live view from its answer. */}
      <LiveDashboard key={`${view.search}@${dashboard.now.getTime()}`} initial={view} />
    </>
  );
}

/** One filter: a labelled select that the form sends by `name` (ids and codes only). */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="min-w-0">
      <label htmlFor={`filter-${name}`} className="block font-semibold">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value} className="mt-1 w-full max-w-full rounded border-2 border-slate-600 bg-white px-3 py-2">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
