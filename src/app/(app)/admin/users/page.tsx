import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { listAgencyUsers, type AgencyUserFilter } from "@/server/users/list-agency-users";
import { listTeams } from "@/server/teams/list-teams";
import { currentRequestId } from "@/server/request-id";
import { rolesText } from "@/features/shell/navigation";
import { PeopleTable } from "@/features/admin/people-table";
import { SelectField } from "@/features/ui/fields";
import { PERSON_ROLES } from "@/lib/schemas/people";
import { ACCOUNT_STATUSES, accountStatusLabel, isAccountStatus } from "@/domain/account-status";
import { formatInstant } from "@/lib/format-time";
import { isUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Users" };

type Query = { role?: string | string[]; team?: string | string[]; status?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** Codes from the query string, each kept only when it is one the list knows. */
function filterOf(query: Query): AgencyUserFilter {
  const role = PERSON_ROLES.find((entry) => entry.code === one(query.role))?.code;
  const teamId = isUuid(one(query.team)) ? one(query.team) : undefined;
  const status = one(query.status);
  return { role, teamId, status: isAccountStatus(status) ? status : undefined };
}

/** One filter of the list: a code in the query string, "" for any. */
function FilterSelect(props: { id: string; name: string; label: string; anyLabel: string; value?: string; options: readonly { code: string; label: string }[] }) {
  return (
    <SelectField id={props.id} name={props.name} label={props.label} placeholder={props.anyLabel} defaultValue={props.value ?? ""} options={props.options} />
  );
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Query> }) {
  const actor = await requirePageActor("/admin/users");
  const requestId = await currentRequestId();
  const filter = filterOf(await searchParams);
  const users = await listAgencyUsers(actor, { requestId }, filter);
  const { teams } = await listTeams(actor, { requestId });
  const tz = actor.agency.timeZone;
  return (
    <>
      <h1 className="text-3xl font-bold">Users</h1>
      <p className="mt-2 text-slate-700">Everyone who can sign in to {actor.agency.name}, and everyone invited to.</p>
      {can(actor.roles, "users:manage") ? (
        <p className="mt-4">
          <Link href="/admin/users/new" className="inline-block rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            Invite a person
          </Link>
        </p>
      ) : null}
      <form method="get" className="mt-6 grid max-w-3xl gap-4 sm:grid-cols-4 sm:items-end" aria-label="Filter the list">
        <FilterSelect id="filter-role" name="role" label="Role" anyLabel="Any role" value={filter.role} options={PERSON_ROLES} />
        <FilterSelect id="filter-team" name="team" label="Team" anyLabel="Any team" value={filter.teamId} options={teams.map((team) => ({ code: team.id, label: team.name }))} />
        <FilterSelect id="filter-status" name="status" label="Status" anyLabel="Any status" value={filter.status} options={ACCOUNT_STATUSES} />
        <button type="submit" className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-800 hover:bg-blue-50">
          Filter
        </button>
      </form>
      <PeopleTable
        caption={`Users of ${actor.agency.name}`}
        rows={users.map((user) => ({
          id: user.id,
          href: `/admin/users/${user.id}`,
          name: user.name,
          email: user.email,
          roles: rolesText(user.roles),
          team: user.team?.name ?? "No team",
          status: accountStatusLabel(user.status),
          lastSignIn: user.lastSignInAt ? formatInstant(user.lastSignInAt, tz) : "Never",
          secondFactor: user.secondFactor ? "Set up" : "Not set up",
        }))}
      />
    </>
  );
}
