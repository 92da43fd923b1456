import Link from "next/link";
import type { EpisodeView } from "@/server/episodes/get-episode";
import { FORM_STEP_KEYS, stepTitle } from "@/domain/steps";
import { stepSummary } from "@/lib/step-summary";
import { SubmitReportButton } from "./submit-report-button";

/** "Check your answers": every answer with a Change link, what NCMEC still lacks, and submit. */
export function ReviewStep({ view }: { view: EpisodeView }) {
  const { facts, progress } = view;
  const gaps = progress.ncmecGaps;
  const base = `/cases/${facts.id}/report`;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Check your answers</h1>
      {FORM_STEP_KEYS.map((key) => ({ key, title: stepTitle(key) })).map((step) => {
        const rows = stepSummary(step.key, facts);
        return (
          <section key={step.key} aria-labelledby={`review-${step.key}`} className="rounded border border-slate-300 bg-white p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`review-${step.key}`} className="text-xl font-bold">
                {step.title}
              </h2>
              {progress.steps[step.key].status === "completed" ? (
                <Link href={`${base}/${step.key}`} className="text-blue-800 underline">
                  Change<span className="sr-only"> {step.title.toLowerCase()}</span>
                </Link>
              ) : null}
            </div>
            {rows ? (
              <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
                {rows.map(([term, value]) => (
                  <div key={term} className="contents">
                    <dt className="font-semibold">{term}</dt>
                    <dd className="whitespace-pre-wrap">{value || "—"}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="mt-2">Not completed yet.</p>
            )}
          </section>
        );
      })}

      <section aria-labelledby="gaps" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
        <h2 id="gaps" className="text-xl font-bold">
          Still missing for NCMEC
        </h2>
        {gaps.length === 0 ? (
          <p className="mt-2">Nothing: the report has everything NCMEC asks for.</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {gaps.map((gap) => (
              <li key={gap.item}>
                <Link href={gap.step === "photos" ? `/cases/${facts.id}/photos` : `${base}/${gap.step}`} className="text-blue-800 underline">
                  {gap.item}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {progress.submit.allowed ? (
        <SubmitReportButton episodeId={facts.id} version={facts.version} />
      ) : progress.submit.block?.code === "ALREADY_SUBMITTED" ? (
        <p className="font-semibold">This report was submitted. Changes you make to a step are saved and recorded in its history.</p>
      ) : (
        <p className="font-semibold">{progress.submit.block?.message}</p>
      )}
    </div>
  );
}
