import Link from "next/link";
import { STEPS, type StepKey } from "@/domain/steps";
import type { StepProgress } from "@/domain/episode-progress";


/** "Step 3 of 9" with each step's state; completed and available steps are links. */
export function StepIndicator({ episodeId, current, steps }: { episodeId: string; current: StepKey; steps: Record<StepKey, StepProgress> }) {
  const index = STEPS.findIndex((s) => s.key === current);
  return (
    <nav aria-label="Report steps" className="mb-6">
      <p className="font-semibold text-slate-700">
        Step {index + 1} of {STEPS.length}
      </p>
      <ol className="mt-2 grid gap-1 text-sm sm:grid-cols-3">
        {STEPS.map((step, i) => {
          const status = step.key === current ? "current" : steps[step.key].status;
          const label = `${i + 1}. ${step.title}`;
          const note = { completed: "completed", current: "current step", available: "", locked: "", "not-started": "not started" }[status];
          const className = `block rounded px-2 py-1 ${status === "current" ? "bg-blue-900 font-bold text-white" : status === "completed" ? "text-green-900" : "text-slate-700"}`;
          const content = (
            <>
              {status === "completed" ? <span aria-hidden="true">✓ </span> : null}
              {label}
              {note ? <span className="sr-only"> ({note})</span> : null}
              {status === "locked" ? <span className="italic"> (locked until law enforcement is recorded)</span> : null}
            </>
          );
          return (
            <li key={step.key}>
              {status === "completed" || status === "available" ? (
                <Link href={`/cases/${episodeId}/report/${step.key}`} className={`${className} underline`}>
                  {content}
                </Link>
              ) : (
                <span className={className} aria-current={status === "current" ? "step" : undefined}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
