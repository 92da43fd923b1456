import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { listAgencyUsers } from "@/server/users/list-agency-users";
import { currentRequestId } from "@/server/request-id";
import { rolesText } from "@/features/shell/navigation";
import { formatInstant } from "@/lib/format-time";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("/admin/users");
  const users = await listAgencyUsers(actor, { requestId: await currentRequestId() });
  const now = new Date();
  return (
    <>
      <h1 className="text-3xl font-bold">Users</h1>
      <p className="mt-2 text-slate-700">Everyone who can sign in to {actor.agency.name}.</p>
      <table className="mt-6 w-full border-collapse text-left">
        <caption className="sr-only">Users of {actor.agency.name}</caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="py-2 pr-4">Name</th>
            <th scope="col" className="py-2 pr-4">Email</th>
            <th scope="col" className="py-2 pr-4">Role</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2">Last sign-in</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-slate-300">
              <td className="py-2 pr-4">
                <Link href={`/admin/users/${user.id}`} className="text-blue-800 underline">
                  {user.name}
                </Link>
              </td>
              <td className="py-2 pr-4">{user.email}</td>
              <td className="py-2 pr-4">{rolesText(user.roles)}</td>
              <td className="py-2 pr-4">
                {!user.active ? "Deactivated" : user.lockedUntil && user.lockedUntil > now ? "Locked" : "Active"}
              </td>
              <td className="py-2">{user.lastSignInAt ? formatInstant(user.lastSignInAt, actor.agency.timeZone) : "Never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
