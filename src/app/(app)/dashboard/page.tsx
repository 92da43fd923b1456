import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";

export const metadata: Metadata = { title: "Open episodes" };

export default async function DashboardPage() {
  await requirePageActor("/dashboard");
  return (
    <>
      <h1 className="text-3xl font-bold">Open episodes</h1>
      <p className="mt-4 max-w-prose">
        This page will show every open episode of the agency against its deadline, overdue ones first, and the
        agency&apos;s on-time rate. It is not available yet.
      </p>
    </>
  );
}
