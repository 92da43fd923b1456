import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { can } from "@/server/authz/permissions";
import { getEpisode } from "@/server/episodes/get-episode";
import { currentRequestId } from "@/server/request-id";
import { STAGE_LABELS, clockOfKind } from "@/domain/episode-progress";
import { formatInstant } from "@/lib/format-time";
import { CLOCK_LABELS } from "@/domain/clocks";
import { ClockCard, NoticeCard } from "@/features/cases/clock-summary";
import { NoticeForms } from "@/features/cases/notice-forms";
import { instantToWallTime } from "@/domain/zoned-time";
import { RecordUpdateSentButton } from "@/features/cases/record-update-sent-button";
import { stepTitle } from "@/domain/steps";
import type { CaseSectionProps } from "@/features/cases/case-section";
import { SearchSection } from "@/features/episode-search/search-section";
import { ReturnSection } from "@/features/episode-return/return-section";
import { DebriefSection } from "@/features/episode-debrief/debrief-section";
import { ClosureSection } from "@/features/episode-closure/closure-section";
import { ReassignSection, ReviewCallout, ReviewSection } from "@/features/episode-review/review-section";
import { listCaseworkers } from "@/server/episodes/list-caseworkers";
import { SubmittedNotice } from "@/features/cases/submitted-notice";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage({ params, searchParams }: { params: Promise<{ episodeId: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requirePageActor("/cases/[episodeId]");
  const { episodeId } = await params;
  const view = await orNotFound(getEpisode(actor, episodeId, {
    permission: PAGE_PERMISSIONS["/cases/[episodeId]"],
    withHistory: true,
    requestId: await currentRequestId(),
  }), { actor, page: "/cases/[episodeId]" });
  const { facts, progress } = view;
  const tz = facts.timeZone;
  const canEdit = can(actor.roles, "episodes:record");
  const justSubmitted = (await searchParams).submitted === "1" && facts.submittedAt;
  const lawEnforcementClock = clockOfKind(progress.clocks, "LAW_ENFORCEMENT_REPORT");
  const ncmecClock = clockOfKind(progress.clocks, "NCMEC_REPORT");
  const canApprove = can(actor.roles, "episodes:approve");
  const caseworkers = canApprove && progress.editable ? await listCaseworkers(actor) : [];
  const section: CaseSectionProps = {
    facts,
    progress,
    canFile: can(actor.roles, "reports:file"),
    canRecord: canEdit,
    canApprove,
    viewerId: actor.userId,
    timeZone: tz,
    nowWallTime: instantToWallTime(new Date(), tz),
    names: view.names,
  };
  return (
    <>
      {justSubmitted ? <SubmittedNotice /> : null}
      <p>
        <Link href="/cases" className="text-blue-800 underline">
          All cases
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">{view.childName}</h1>
      <p className="mt-1 text-lg">
        Status: <strong>{STAGE_LABELS[progress.stage]}</strong>
      </p>
      <dl className="mt-4 grid max-w-2xl grid-cols-1 gap-x-4 gap-y-1 break-words sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-y-2">
        <dt className="font-semibold">Date of birth</dt>
        <dd>{facts.child.dateOfBirth}</dd>
        <dt className="font-semibold">Agency case number</dt>
        <dd>{facts.child.agencyCaseNumber}</dd>
        <dt className="font-semibold">Caseworker</dt>
        <dd>{view.caseworkerName}</dd>
        <dt className="font-semibold">Last seen</dt>
        <dd>{facts.missingEvent ? formatInstant(facts.missingEvent.lastSeenAt, tz) : "Not recorded yet"}</dd>
        <dt className="font-semibold">Agency learned of it</dt>
        <dd>{facts.missingEvent ? formatInstant(facts.missingEvent.discoveredAt, tz) : "Not recorded yet"}</dd>
      </dl>
      <ReviewCallout {...section} />

      {canEdit && progress.editable ? (
        <p className="mt-6">
          <Link href={`/cases/${facts.id}/report/${progress.nextStep}`} className="inline-block rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            {facts.submittedAt ? "Review or change the report" : facts.savedSteps.length === 0 ? "Start the report" : "Continue the report"}
          </Link>
        </p>
      ) : null}

      <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link href={`/cases/${facts.id}/packet`} className="text-blue-800 underline">
            NCMEC report packet (PDF and JSON)
          </Link>
        </li>
        <li>
          <Link href={`/cases/${facts.id}/photos`} className="text-blue-800 underline">
            Photos ({facts.photoCount})
          </Link>
        </li>
      </ul>

      {facts.amendments.length > 0 ? (
        <section aria-labelledby="amendments" className={`mt-6 rounded border-l-8 p-4 ${progress.unsentAmendments.length > 0 ? "border-amber-700 bg-amber-50" : "border-slate-500 bg-slate-50"}`}>
          <h2 id="amendments" className="text-xl font-bold">
            Changed since the report was submitted
          </h2>
          {progress.unsentAmendments.length > 0 ? (
            <p className="mt-1 font-semibold">
              Send these changes to NCMEC (1-800-843-5678) and to law enforcement, then record that you did.
            </p>
          ) : (
            <p className="mt-1">Every change has been sent to NCMEC and law enforcement.</p>
          )}
          <ul className="mt-2 list-disc pl-6">
            {facts.amendments.map((amendment, index) => (
              <li key={index}>
                {stepTitle(amendment.step)}, changed {formatInstant(amendment.at, tz)}
                {amendment.sentAt ? ` — sent ${formatInstant(amendment.sentAt, tz)}` : " — not sent yet"}
              </li>
            ))}
          </ul>
          {canEdit && progress.editable && progress.unsentAmendments.length > 0 ? <RecordUpdateSentButton episodeId={facts.id} /> : null}
        </section>
      ) : null}

      <h2 className="mt-8 text-2xl font-bold">Deadlines</h2>
      {lawEnforcementClock && ncmecClock ? (
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <ClockCard title={CLOCK_LABELS.LAW_ENFORCEMENT_REPORT} clock={lawEnforcementClock} timeZone={tz} recordedBy={view.recordedBy.lawEnforcement} />
          <ClockCard title={CLOCK_LABELS.NCMEC_REPORT} clock={ncmecClock} timeZone={tz} recordedBy={view.recordedBy.ncmec} />
        </div>
      ) : (
        <p className="mt-2">The 24-hour clock starts when the missing event (step 2) records when the agency learned the child was missing.</p>
      )}
      {facts.lawEnforcement?.outcome === "REFUSED" ? (
        <p className="mt-3 font-semibold">Law enforcement refused or failed to take the report; that refusal is documented.</p>
      ) : null}

      {progress.notices.length > 0 ? (
        <>
          <h2 className="mt-8 text-2xl font-bold">Who must be told</h2>
          <p className="mt-1 max-w-prose">The agency&apos;s notice list when this episode&apos;s clocks started. A notice that does not apply to this child counts as met once marked.</p>
          <div className="mt-3 grid grid-cols-[minmax(0,1fr)] gap-4 sm:grid-cols-2">
            {progress.notices.map((notice) => (
              <NoticeCard key={notice.recipient} notice={notice} timeZone={tz}>
                {canEdit && progress.editable ? (
                  <NoticeForms episodeId={facts.id} version={facts.version} recipient={notice.recipient} label={notice.label} reasons={notice.reasons} nowWallTime={instantToWallTime(new Date(), tz)} />
                ) : null}
              </NoticeCard>
            ))}
          </div>
        </>
      ) : null}

      <SearchSection {...section} />
      <ReturnSection {...section} />
      <DebriefSection {...section} />
      {/* The supervisor's decisions together: the report's review, reassignment, the closure's sign-off. */}
      <ReviewSection {...section} />
      <ReassignSection {...section} caseworkers={caseworkers} caseworkerName={view.caseworkerName} />
      <ClosureSection {...section} />

      <h2 className="mt-8 text-2xl font-bold">History</h2>
      <ol className="mt-3 space-y-2">
        {view.history.map((entry, index) => (
          <li key={index} className="border-l-4 border-slate-400 pl-3">
            <span className="font-semibold">{formatInstant(entry.at, tz)}</span> — {entry.text}
            {entry.actorName ? ` by ${entry.actorName}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
