import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { can } from "@/server/authz/permissions";
import { getEpisode } from "@/server/episodes/get-episode";
import { firstOpenStep } from "@/server/episodes/episode-record";
import { currentRequestId } from "@/server/request-id";
import { STAGE_LABELS } from "@/domain/reporting-rules";
import { formatInstant } from "@/lib/format-time";
import { ClockCard } from "@/features/cases/clock-summary";

export const metadata: Metadata = { title: "Case" };

const HISTORY_LABELS: Record<string, string> = {
  "episode.created": "Report started",
  "episode.step_saved": "Saved a step",
  "episode.submitted": "Report submitted",
  "law_enforcement.recorded": "Law-enforcement report recorded",
  "ncmec.recorded": "NCMEC report recorded",
  "photo.added": "Photo added",
  "photo.removed": "Photo removed",
  "packet.generated": "Report packet generated",
};

export default async function CasePage({ params, searchParams }: { params: Promise<{ episodeId: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requirePageActor(PAGE_PERMISSIONS["/cases/[episodeId]"]);
  const { episodeId } = await params;
  const view = await orNotFound(getEpisode(actor, episodeId, {
    permission: PAGE_PERMISSIONS["/cases/[episodeId]"],
    withHistory: true,
    requestId: await currentRequestId(),
  }));
  const { record, clocks } = view;
  const tz = record.agency.timeZone;
  const canEdit = can(actor.role, "reports:file");
  const next = firstOpenStep(record.completedSteps);
  const justSubmitted = (await searchParams).submitted === "1" && record.submittedAt;
  return (
    <>
      {justSubmitted ? (
        <div role="status" className="mb-6 rounded border-l-8 border-green-800 bg-green-50 p-4">
          <h2 className="text-lg font-bold">Report submitted</h2>
          <p>Law enforcement and NCMEC are recorded. Supervisors can see this episode on their list.</p>
        </div>
      ) : null}
      <p>
        <Link href="/cases" className="text-blue-800 underline">
          All cases
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">{view.childName}</h1>
      <p className="mt-1 text-lg">
        Status: <strong>{STAGE_LABELS[view.stage]}</strong>
      </p>
      <dl className="mt-4 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2">
        <dt className="font-semibold">Date of birth</dt>
        <dd>{record.child.dateOfBirth.toISOString().slice(0, 10)}</dd>
        <dt className="font-semibold">Agency case number</dt>
        <dd>{record.child.agencyCaseNumber}</dd>
        <dt className="font-semibold">Caseworker</dt>
        <dd>{record.caseworker.name}</dd>
        <dt className="font-semibold">Last seen</dt>
        <dd>{record.lastSeenAt ? formatInstant(record.lastSeenAt, tz) : "Not recorded yet"}</dd>
        <dt className="font-semibold">Agency learned of it</dt>
        <dd>{record.discoveredAt ? formatInstant(record.discoveredAt, tz) : "Not recorded yet"}</dd>
      </dl>

      {canEdit && !record.closedAt ? (
        <p className="mt-6">
          <Link href={`/cases/${record.id}/report/${next}`} className="inline-block rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            {record.submittedAt ? "Review or change the report" : record.completedSteps.length === 0 ? "Start the report" : "Continue the report"}
          </Link>
        </p>
      ) : null}

      <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link href={`/cases/${record.id}/packet`} className="text-blue-800 underline">
            NCMEC report packet (PDF and JSON)
          </Link>
        </li>
        <li>
          <Link href={`/cases/${record.id}/photos`} className="text-blue-800 underline">
            Photos ({view.photoCount})
          </Link>
        </li>
      </ul>

      <h2 className="mt-8 text-2xl font-bold">Deadlines</h2>
      {clocks ? (
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <ClockCard title="Law enforcement" clock={clocks.lawEnforcement} timeZone={tz} recordedBy={view.recordedBy.lawEnforcement} />
          <ClockCard title="NCMEC" clock={clocks.ncmec} timeZone={tz} recordedBy={view.recordedBy.ncmec} />
        </div>
      ) : (
        <p className="mt-2">The 24-hour clock starts when the missing event (step 2) records when the agency learned the child was missing.</p>
      )}
      {record.lawEnforcementReport?.outcome === "REFUSED" ? (
        <p className="mt-3 font-semibold">Law enforcement refused or failed to take the report; that refusal is documented.</p>
      ) : null}

      <h2 className="mt-8 text-2xl font-bold">History</h2>
      <ol className="mt-3 space-y-2">
        {view.history.map((entry, index) => (
          <li key={index} className="border-l-4 border-slate-400 pl-3">
            <span className="font-semibold">{formatInstant(entry.at, tz)}</span> — {HISTORY_LABELS[entry.action] ?? entry.action}
            {entry.action === "episode.step_saved" && typeof entry.details === "object" && entry.details && "step" in entry.details
              ? ` (${String(entry.details.step).replace("-", " ")})`
              : ""}
            {entry.actorName ? ` by ${entry.actorName}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
