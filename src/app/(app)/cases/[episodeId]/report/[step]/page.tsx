import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { getEpisode, type EpisodeView } from "@/server/episodes/get-episode";
import { currentRequestId } from "@/server/request-id";
import type { Actor } from "@/server/authz/actor";
import { STEPS, isStepKey, stepNumber, type FormStepKey, type StepKey } from "@/domain/steps";
import { savedAnswers } from "@/domain/episode-facts";
import { EMPTY_STEP_VALUES } from "@/lib/schemas/episode-steps";
import { formValuesOf, toYesNoUnknown } from "@/lib/step-codecs";
import { StepIndicator } from "@/features/wizard/step-indicator";
import { ChildStep } from "@/features/wizard/child-step";
import { MissingEventStep } from "@/features/wizard/missing-event-step";
import { DescriptionStep } from "@/features/wizard/description-step";
import { RisksStep } from "@/features/wizard/risks-step";
import { ContactsStep } from "@/features/wizard/contacts-step";
import { LawEnforcementStep } from "@/features/wizard/law-enforcement-step";
import { GuardianStep } from "@/features/wizard/guardian-step";
import { NcmecStep } from "@/features/wizard/ncmec-step";
import { ReviewStep } from "@/features/wizard/review-step";
import type { StepDeadline, StepProps } from "@/features/wizard/step-props";
import { clockOfKind } from "@/domain/episode-progress";

export const metadata: Metadata = { title: "Report a missing child" };

const FORMS: Record<FormStepKey, (props: StepProps) => React.ReactNode> = {
  child: ChildStep,
  "missing-event": MissingEventStep,
  description: DescriptionStep,
  risks: RisksStep,
  contacts: ContactsStep,
  "law-enforcement": LawEnforcementStep,
  guardian: GuardianStep,
  ncmec: NcmecStep,
};

const href = (episodeId: string, step: StepKey) => `/cases/${episodeId}/report/${step}`;

/** The deadline a report step is judged against: its own clock's. */
function deadlineOf({ progress }: EpisodeView, step: FormStepKey): StepDeadline | null {
  const kind = step === "law-enforcement" ? "LAW_ENFORCEMENT_REPORT" : step === "ncmec" ? "NCMEC_REPORT" : null;
  const clock = kind ? clockOfKind(progress.clocks, kind) : null;
  return clock ? { at: clock.deadline.toISOString(), hours: clock.ruleHours } : null;
}

/** The form's first values: this person's unsaved draft, else the saved answers, else the previous episode's, else defaults. */
function initialValues(view: EpisodeView, step: FormStepKey, actor: Actor): { values: Record<string, unknown>; prefilled: boolean } {
  const { facts } = view;
  const tz = facts.timeZone;
  if (view.draft) return { values: { ...EMPTY_STEP_VALUES[step], ...view.draft.values }, prefilled: false };
  const saved = savedAnswers(facts, step);
  if (saved) return { values: formValuesOf(step, saved, tz), prefilled: false };
  // The child's identity is the child's, whichever episode: it is always there to confirm.
  if (step === "child") return { values: formValuesOf("child", facts.child, tz), prefilled: facts.prefill !== null };
  const prefill = facts.prefill;
  if (prefill) {
    if (step === "missing-event" && prefill.hasRunBefore !== null) return { values: { ...EMPTY_STEP_VALUES["missing-event"], hasRunBefore: toYesNoUnknown(prefill.hasRunBefore) }, prefilled: true };
    if (step === "description" && prefill.description) return { values: formValuesOf("description", prefill.description, tz), prefilled: true };
    if (step === "risks" && prefill.risks) return { values: formValuesOf("risks", prefill.risks, tz), prefilled: true };
    // Phones and accounts carry over; companions and any abductor are this run's, still to be asked.
    if (step === "contacts" && prefill.contacts) return { values: { ...EMPTY_STEP_VALUES.contacts, phones: prefill.contacts.phones, accounts: prefill.contacts.accounts }, prefilled: true };
    if (step === "guardian" && prefill.guardian) return { values: formValuesOf("guardian", prefill.guardian, tz), prefilled: true };
  }
  if (step === "guardian") {
    return {
      values: { ...EMPTY_STEP_VALUES.guardian, reporterName: actor.name, reporterAgency: actor.agency.name, reporterEmail: actor.email, guardianSameAsReporter: "yes" },
      prefilled: false,
    };
  }
  return { values: EMPTY_STEP_VALUES[step], prefilled: false };
}

export default async function ReportStepPage({ params }: { params: Promise<{ episodeId: string; step: string }> }) {
  const actor = await requirePageActor("/cases/[episodeId]/report/[step]");
  const { episodeId, step } = await params;
  if (!isStepKey(step)) notFound();
  const view = await orNotFound(getEpisode(actor, episodeId, {
    permission: PAGE_PERMISSIONS["/cases/[episodeId]/report/[step]"],
    draftStep: step === "review" ? undefined : step,
    requestId: await currentRequestId(),
  }), { actor, page: "/cases/[episodeId]/report/[step]" });

  const { facts, progress } = view;
  const index = stepNumber(step) - 1;
  const backHref = index === 0 ? `/cases/${episodeId}` : href(episodeId, STEPS[index - 1]!.key);
  const nextHref = href(episodeId, STEPS[index + 1]?.key ?? "review");
  const title = `${STEPS[index]!.title}`;
  const timeZone = facts.timeZone;

  let body: React.ReactNode;
  if (progress.steps[step].status === "locked") {
    body = (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">NCMEC</h1>
        <p className="max-w-prose">
          The NCMEC step opens once the report to law enforcement, or law enforcement&apos;s refusal to take it, is recorded. The law
          requires law enforcement to be told first.
        </p>
        <Link className="text-blue-800 underline" href={href(episodeId, "law-enforcement")}>
          Go to the law-enforcement step
        </Link>
      </div>
    );
  } else if (!progress.steps[step].canOpen) {
    const firstOpen = STEPS.find((s) => s.key === progress.nextStep)!;
    body = (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">{title}</h1>
        <p className="max-w-prose">Steps are completed in order. The next one to complete is {firstOpen.title}.</p>
        <Link className="text-blue-800 underline" href={href(episodeId, firstOpen.key)}>
          Go to {firstOpen.title}
        </Link>
      </div>
    );
  } else if (step === "review") {
    body = <ReviewStep view={view} />;
  } else {
    const Form = FORMS[step];
    const { values, prefilled } = initialValues(view, step, actor);
    body = (
      <Form
        key={`${step}:${facts.version}`}
        title={title}
        backHref={backHref}
        timeZone={timeZone}
        deadline={deadlineOf(view, step)}
        prefilledFromPrevious={prefilled}
        options={{
          episodeId,
          step,
          // A restored draft keeps the version it was typed against, so a change saved by someone
          // else since then is shown as a conflict instead of being overwritten.
          version: view.draft?.baseVersion ?? facts.version,
          initialValues: values,
          serverDraftAt: view.draft?.updatedAt.getTime() ?? null,
          userId: actor.userId,
          nextHref,
        }}
      />
    );
  }

  return (
    <>
      <p className="mb-2 text-slate-700">
        Report for <strong>{view.childName}</strong> ·{" "}
        <Link className="text-blue-800 underline" href={`/cases/${episodeId}`}>
          Case page
        </Link>
      </p>
      <StepIndicator episodeId={episodeId} current={step} steps={progress.steps} />
      {body}
    </>
  );
}
