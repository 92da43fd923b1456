import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";

export const metadata: Metadata = { title: "Report a missing child" };

export default async function NewReportPage() {
  await requirePageActor(PAGE_PERMISSIONS["/reports/new"]);
  return (
    <>
      <h1 className="text-3xl font-bold">Report a missing child</h1>
      <p className="mt-4 max-w-prose">
        This page will guide you through one report: the child, the missing event, a description, risks and contacts,
        the report to law enforcement first and then to NCMEC, against the 24-hour clock. It is not available yet; until
        it is, report by phone to law enforcement and to NCMEC at 1-800-843-5678 (1-800-THE-LOST).
      </p>
    </>
  );
}
