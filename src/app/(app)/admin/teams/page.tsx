import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { listTeams } from "@/server/teams/list-teams";
import { currentRequestId } from "@/server/request-id";
import { CreateTeamForm, OnCallForm, TeamEditor } from "@/features/admin/teams-admin";
import { FieldGroup } from "@/features/ui/fields";

export const metadata: Metadata = { title: "Teams" };

function names(people: { id: string; name: string; active: boolean }[], none: string) {
  if (people.length === 0) return <p className="text-slate-700">{none}</p>;
  return (
    <ul className="list-disc pl-5">
      {people.map((person) => (
        <li key={person.id}>
          <Link href={`/admin/users/${person.id}`} className="text-blue-800 underline">
            {person.name}
          </Link>
          {person.active ? "" : " (deactivated)"}
        </li>
      ))}
    </ul>
  );
}

export default async function TeamsPage() {
  const actor = await requirePageActor("/admin/teams");
  const { teams, supervisorChoices, people } = await listTeams(actor, { requestId: await currentRequestId() });
  const manages = can(actor.roles, "teams:manage");
  const onCall = people.filter((person) => person.onCall);
  return (
    <>
      <h1 className="text-3xl font-bold">Teams</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        A caseworker&apos;s supervisors are their team&apos;s supervisors. Put a person in a team on their page under Users.
      </p>
      <div className="mt-6 grid max-w-3xl gap-8">
        {teams.length === 0 ? <p>{actor.agency.name} has no teams yet.</p> : null}
        {teams.map((team) => (
          <section key={team.id} aria-labelledby={`team-${team.id}-heading`} className="rounded border border-slate-300 bg-white p-4">
            <h2 id={`team-${team.id}-heading`} className="text-xl font-bold break-words">
              {team.name}
            </h2>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              <div>
                <h3 className="font-semibold">Supervisors</h3>
                {names(team.supervisors, "No supervisor yet.")}
              </div>
              <div>
                <h3 className="font-semibold">Members</h3>
                {names(team.members, "No members yet.")}
              </div>
            </div>
            {manages ? (
              <TeamEditor
                team={{ id: team.id, name: team.name, supervisorIds: team.supervisors.map((s) => s.id), memberCount: team.members.length }}
                supervisorChoices={supervisorChoices}
              />
            ) : null}
          </section>
        ))}
        {manages ? <CreateTeamForm /> : null}
        <FieldGroup title="On-call list" hint="Called when a team's supervisors are not there.">
          {manages ? <OnCallForm people={people} /> : names(onCall, "Nobody is on call.")}
        </FieldGroup>
      </div>
    </>
  );
}
