import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { listTeams } from "@/server/teams/list-teams";
import { currentRequestId } from "@/server/request-id";
import { can } from "@/server/authz/permissions";
import { rolesText } from "@/features/shell/navigation";
import { PersonForm } from "@/features/admin/person-form";
import { PersonActions } from "@/features/admin/person-actions";
import { ReassignEpisodesForm } from "@/features/admin/reassign-episodes-form";
import { PERSON_ROLES } from "@/lib/schemas/people";
import { accountStatusLabel } from "@/domain/account-status";
import { formatInstant } from "@/lib/format-time";
import { isLocked } from "@/domain/sign-in-lockout";
import { UnlockAccountButton } from "./unlock-account-button";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePageActor("/admin/users/[userId]");
  const { userId } = await params;
  const requestId = await currentRequestId();
  const user = await orNotFound(getAgencyUser(actor, userId, { requestId }), { actor, page: "/admin/users/[userId]" });
  const tz = actor.agency.timeZone;
  const locked = isLocked(user, new Date());
  const manages = can(actor.roles, "users:manage");
  const rows: [string, string][] = [
    ["E-mail address", user.email],
    ["Roles", rolesText(user.roles)],
    ["Team", user.team?.name ?? "No team"],
    ["On call", user.onCall ? "Yes, on the agency's on-call list" : "No"],
    ["Status", accountStatusLabel(user.status) + (user.deactivatedAt ? ` since ${formatInstant(user.deactivatedAt, tz)}` : "")],
    ["Second factor", user.secondFactor ? "Set up" : "Not set up"],
    ["New password required", user.passwordChangeRequired ? "Yes, at their next sign-in" : "No"],
    [
      "Sign-in lock",
      locked && user.lockedUntil
        ? `Locked until ${formatInstant(user.lockedUntil, tz)}`
        : `Not locked (${user.failedSignInCount} failed attempts since the last sign-in)`,
    ],
    ["Last sign-in", user.lastSignInAt ? formatInstant(user.lastSignInAt, tz) : "Never"],
    ["Added", formatInstant(user.createdAt, tz)],
  ];
  const overview = manages ? await listTeams(actor, { requestId }) : null;
  const roleCodes = PERSON_ROLES.map((role) => role.code).filter((code) => user.roles.includes(code));
  const actions = [
    ...(user.active ? (user.status === "INVITED" ? (["resend-invitation"] as const) : (["password-reset", "require-new-password"] as const)) : []),
    ...(user.active && user.secondFactor ? (["second-factor-reset"] as const) : []),
    ...(user.active && user.id !== actor.userId ? (["deactivate"] as const) : []),
    ...(!user.active ? (["reactivate"] as const) : []),
  ];
  return (
    <>
      <p>
        <Link href="/admin/users" className="text-blue-800 underline">
          Back to users
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold break-words">{user.name}</h1>
      <dl className="mt-6 grid max-w-2xl grid-cols-[minmax(0,1fr)] gap-x-4 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-y-3">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd className="mb-2 break-words sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
      {locked && manages ? <UnlockAccountButton userId={user.id} /> : null}
      {user.openEpisodes.length > 0 ? (
        <section className="mt-8 max-w-2xl" aria-labelledby="open-cases">
          <h2 id="open-cases" className="text-xl font-bold">
            Open cases ({user.openEpisodes.length})
          </h2>
          {manages && overview && !user.active ? (
            <div className="mt-3">
              <ReassignEpisodesForm
                userId={user.id}
                episodes={user.openEpisodes.map((episode) => ({
                  id: episode.id,
                  label: `${episode.childName}${episode.discoveredAt ? `, missing since ${formatInstant(episode.discoveredAt, tz)}` : ""}`,
                }))}
                caseworkers={overview.people.filter((person) => person.id !== user.id && person.roles.includes("CASEWORKER"))}
              />
            </div>
          ) : (
            <ul className="mt-3 list-disc pl-5">
              {user.openEpisodes.map((episode) => (
                <li key={episode.id}>
                  <Link href={`/cases/${episode.id}`} className="text-blue-800 underline">
                    {episode.childName}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {manages && overview ? (
        <div className="mt-8 grid max-w-2xl gap-8">
          <PersonForm
            userId={user.id}
            initial={{ name: user.name, email: user.email, roles: roleCodes, teamId: user.team?.id ?? "", onCall: user.onCall }}
            teams={overview.teams.map((team) => ({ code: team.id, label: team.name }))}
          />
          <PersonActions userId={user.id} available={actions} />
        </div>
      ) : null}
    </>
  );
}
