import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { listTeams } from "@/server/teams/list-teams";
import { currentRequestId } from "@/server/request-id";
import { mailEnabled } from "@/server/mail/queue-email";
import { InviteForm } from "@/features/admin/invite-form";

export const metadata: Metadata = { title: "Invite a person" };

export default async function InvitePersonPage() {
  const actor = await requirePageActor("/admin/users/new");
  const { teams } = await listTeams(actor, { requestId: await currentRequestId() });
  return (
    <>
      <p>
        <Link href="/admin/users" className="text-blue-800 underline">
          Back to users
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">Invite a person</h1>
      <p className="mt-2 mb-6 max-w-prose text-slate-700">
        They get a single-use link, valid for 24 hours, where they choose their password and set up their second factor.{" "}
        {mailEnabled() ? "The link is e-mailed to them." : "E-mail is not set up, so the link is shown to you once to pass on."}
      </p>
      <InviteForm teams={teams.map((team) => ({ code: team.id, label: team.name }))} />
    </>
  );
}
