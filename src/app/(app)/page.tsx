import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { rolesText } from "@/features/shell/navigation";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requirePageActor("/");
  return (
    <>
      <h1 className="text-3xl font-bold">Welcome, {actor.name}</h1>
      <p className="mt-2 text-slate-700">
        You are signed in to {actor.agency.name} as {rolesText(actor.roles)}. Times are shown in{" "}
        {actor.agency.timeZone.replaceAll("_", " ")}.
      </p>
      <h2 className="mt-8 text-xl font-bold">What you can do here</h2>
      <ul className="mt-3 list-disc space-y-2 pl-6">
        {can(actor.roles, "reports:file") ? (
          <li>
            <Link className="text-blue-800 underline" href="/reports/new">
              Report a missing child
            </Link>{" "}
            to law enforcement and NCMEC within 24 hours of learning the child is missing.
          </li>
        ) : null}
        {can(actor.roles, "cases:view") ? (
          <li>
            <Link className="text-blue-800 underline" href="/cases">
              See the agency&apos;s cases
            </Link>{" "}
            and where each stands against its deadline.
          </li>
        ) : null}
        {can(actor.roles, "dashboard:view") ? (
          <li>
            <Link className="text-blue-800 underline" href="/dashboard">
              Watch every open episode
            </Link>{" "}
            against its clock, and{" "}
            <Link className="text-blue-800 underline" href="/reports/on-time">
              show the agency&apos;s on-time rate
            </Link>{" "}
            for any period.
          </li>
        ) : null}
        {can(actor.roles, "users:view") ? (
          <li>
            <Link className="text-blue-800 underline" href="/admin/users">
              See the agency&apos;s users
            </Link>{" "}
            and{" "}
            <Link className="text-blue-800 underline" href="/admin/audit">
              read the audit trail
            </Link>
            .
          </li>
        ) : null}
      </ul>
    </>
  );
}
