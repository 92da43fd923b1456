import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { getEpisode, type EpisodeView } from "@/server/episodes/get-episode";
import { currentRequestId } from "@/server/request-id";
import type { Actor } from "@/server/authz/actor";
import { EMPTY_STEP_VALUES, STEPS, isStepKey, stepNumber, type FormStepKey, type StepKey } from "@/lib/schemas/episode-steps";
import { StepIndicator, type StepStatus } from "@/features/wizard/step-indicator";
import { ChildStep } from "@/features/wizard/child-step";
import { MissingEventStep } from "@/features/wizard/missing-event-step";
import { DescriptionStep } from "@/features/wizard/description-step";
import { RisksStep } from "@/features/wizard/risks-step";
import { ContactsStep } from "@/features/wizard/contacts-step";
import { LawEnforcementStep } from "@/features/wizard/law-enforcement-step";
import { GuardianStep } from "@/features/wizard/guardian-step";
import { NcmecStep } from "@/features/wizard/ncmec-step";
import { ReviewStep } from "@/features/wizard/review-step";
import type { StepProps } from "@/features/wizard/step-props";

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

function statusesOf(view: EpisodeView): Record<StepKey, StepStatus> {
  const done = view.record.completedSteps;
  const firstOpen = STEPS.find((s) => s.key !== "review" && !done.includes(s.key))?.key ?? "review";
  return Object.fromEntries(
    STEPS.map((s) => {
      if (s.key === "ncmec" && !view.record.lawEnforcementReport) return [s.key, "locked"];
      if (done.includes(s.key)) return [s.key, "completed"];
      if (s.key === firstOpen || s.key === "review") return [s.key, "available"];
      return [s.key, "not-started"];
    }),
  ) as Record<StepKey, StepStatus>;
}

/** Values for the form: this person's unsaved draft, else the saved answers, else the previous episode's, else defaults. */
function initialValues(view: EpisodeView, step: FormStepKey, actor: Actor): { values: Record<string, unknown>; prefilled: boolean } {
  if (view.draft) return { values: { ...EMPTY_STEP_VALUES[step], ...view.draft.values }, prefilled: false };
  const saved = view.saved[step];
  if (saved) return { values: saved as Record<string, unknown>, prefilled: false };
  const prefill = (view.record.prefill as Record<string, Record<string, unknown>> | null)?.[step];
  if (step === "child") {
    const { record } = view;
    return {
      values: {
        ...EMPTY_STEP_VALUES.child,
        ...(record.child.profile as Record<string, unknown>),
        firstName: record.child.firstName,
        middleName: record.child.middleName ?? "",
        lastName: record.child.lastName,
        dateOfBirth: record.child.dateOfBirth.toISOString().slice(0, 10),
        agencyCaseNumber: record.child.agencyCaseNumber,
        underAgencyGuardianship: record.child.underAgencyGuardianship ? "yes" : "no",
      },
      prefilled: record.prefill !== null,
    };
  }
  if (prefill) return { values: { ...EMPTY_STEP_VALUES[step], ...prefill }, prefilled: true };
  if (step === "guardian") {
    return {
      values: { ...EMPTY_STEP_VALUES.guardian, reporterName: actor.name, reporterAgency: actor.agency.name, reporterEmail: actor.email, guardianSameAsReporter: "yes" },
      prefilled: false,
    };
  }
  return { values: EMPTY_STEP_VALUES[step], prefilled: false };
}

export default async function ReportStepPage({ params }: { params: Promise<{ episodeId: string; step: string }> }) {
  const actor = await requirePageActor(PAGE_PERMISSIONS["/cases/[episodeId]/report/[step]"]);
  const { episodeId, step } = await params;
  if (!isStepKey(step)) notFound();
  const view = await orNotFound(getEpisode(actor, episodeId, {
    permission: PAGE_PERMISSIONS["/cases/[episodeId]/report/[step]"],
    draftStep: step === "review" ? undefined : step,
    requestId: await currentRequestId(),
  }));

  const statuses = statusesOf(view);
  const index = stepNumber(step) - 1;
  const backHref = index === 0 ? `/cases/${episodeId}` : href(episodeId, STEPS[index - 1]!.key);
  const nextHref = href(episodeId, STEPS[index + 1]?.key ?? "review");
  const title = `${STEPS[index]!.title}`;
  const timeZone = view.record.agency.timeZone;

  let body: React.ReactNode;
  if (statuses[step] === "locked") {
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
  } else if (statuses[step] === "not-started") {
    const firstOpen = STEPS.find((s) => statuses[s.key] === "available")!;
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
    body = <ReviewStep view={view} timeZone={timeZone} />;
  } else {
    const Form = FORMS[step];
    const { values, prefilled } = initialValues(view, step, actor);
    body = (
      <Form
        key={`${step}:${view.record.version}`}
        title={title}
        backHref={backHref}
        timeZone={timeZone}
        discoveredAt={view.record.discoveredAt?.toISOString() ?? null}
        prefilledFromPrevious={prefilled}
        options={{
          episodeId,
          step,
          // A restored draft keeps the version it was typed against, so a change saved by someone
          // else since then is shown as a conflict instead of being overwritten.
          version: view.draft?.baseVersion ?? view.record.version,
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
      <StepIndicator episodeId={episodeId} current={step} statuses={statuses} />
      {body}
    </>
  );
}
