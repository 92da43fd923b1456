import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage() {
  await requirePageActor(PAGE_PERMISSIONS["/cases"]);
  return (
    <>
      <h1 className="text-3xl font-bold">Cases</h1>
      <p className="mt-4 max-w-prose">
        This page will list the agency&apos;s missing-from-care episodes, your own first, each with its status and its
        law-enforcement and NCMEC deadlines. Filing reports is not available yet.
      </p>
    </>
  );
}
