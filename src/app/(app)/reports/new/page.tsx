import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { StartReport } from "@/features/wizard/start-report";

export const metadata: Metadata = { title: "Report a missing child" };

export default async function NewReportPage() {
  await requirePageActor("/reports/new");
  return (
    <>
      <h1 className="text-3xl font-bold">Report a missing child</h1>
      <p className="mt-2 max-w-prose">
        Report to law enforcement first, then to NCMEC, within 24 hours of learning the child is missing. Homeward guides you
        through both and keeps the clock. Start by finding the child.
      </p>
      <div className="mt-6">
        <StartReport />
      </div>
    </>
  );
}
