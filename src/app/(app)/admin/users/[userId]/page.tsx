import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { currentRequestId } from "@/server/request-id";
import { can } from "@/server/authz/permissions";
import { rolesText } from "@/features/shell/navigation";
import { formatInstant } from "@/lib/format-time";
import { isLocked } from "@/domain/sign-in-lockout";
import { UnlockAccountButton } from "./unlock-account-button";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePageActor("/admin/users/[userId]");
  const { userId } = await params;
  const user = await orNotFound(getAgencyUser(actor, userId, { requestId: await currentRequestId() }), { actor, page: "/admin/users/[userId]" });
  const tz = actor.agency.timeZone;
  const locked = isLocked(user, new Date());
  const rows: [string, string][] = [
    ["Email", user.email],
    ["Roles", rolesText(user.roles)],
    ["Status", user.active ? "Active" : "Deactivated"],
    [
      "Sign-in lock",
      locked && user.lockedUntil
        ? `Locked until ${formatInstant(user.lockedUntil, tz)}`
        : `Not locked (${user.failedSignInCount} failed attempts since the last sign-in)`,
    ],
    ["Last sign-in", user.lastSignInAt ? formatInstant(user.lastSignInAt, tz) : "Never"],
    ["Added", formatInstant(user.createdAt, tz)],
  ];
  return (
    <>
      <p>
        <Link href="/admin/users" className="text-blue-800 underline">
          Back to users
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">{user.name}</h1>
      <dl className="mt-6 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-3">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {locked && can(actor.roles, "users:manage") ? <UnlockAccountButton userId={user.id} /> : null}
      <p className="mt-8 max-w-prose text-slate-700">
        Inviting, changing and deactivating users will be available here in a later release.
      </p>
    </>
  );
}
