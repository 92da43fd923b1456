"use client";

import { useWatch } from "react-hook-form";
import { RadioGroup, TextField } from "@/features/ui/fields";
import { NCMEC_METHODS } from "@/domain/code-sets";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { DeadlineNote, isLate } from "./deadline-note";
import { LateReasonField } from "./late-reason-field";
import type { StepProps } from "./step-props";

export function NcmecStep({ options, title, backHref, timeZone, deadline }: StepProps) {
  const { form, shell } = useStepForm("ncmec", options);
  const { register, formState, control } = form;
  const reportedAt = useWatch({ control, name: "reportedAt" });
  const e = formState.errors;
  const late = isLate(reportedAt, deadline, timeZone) || Boolean(e.lateReason);
  return (
    <StepShell
      title={title}
      intro={
        <>
          <p>
            A report to law enforcement does not reach NCMEC: report separately, by calling 1-800-843-5678 (1-800-THE-LOST), on
            NCMEC&apos;s web form, or system to system.
          </p>
          <div className="mt-3">
            <DeadlineNote deadline={deadline} timeZone={timeZone} />
          </div>
        </>
      }
      backHref={backHref}
      {...shell}
    >
      <TextField
        id="reportedAt"
        label="When was NCMEC told?"
        hint={`Date and time (${timeZone.replaceAll("_", " ")}). Not before law enforcement was told.`}
        type="datetime-local"
        className="max-w-sm"
        error={e.reportedAt?.message}
        {...register("reportedAt")}
      />
      <RadioGroup id="method" name="method" label="How was the report made?" options={NCMEC_METHODS} error={e.method?.message} register={register("method")} />
      <TextField id="ncmecCaseNumber" label="NCMEC case number (optional)" className="max-w-sm" error={e.ncmecCaseNumber?.message} {...register("ncmecCaseNumber")} />
      <TextField id="contactName" label="NCMEC contact (optional)" hint="The person you spoke to or who confirmed the report." error={e.contactName?.message} {...register("contactName")} />
      {late ? <LateReasonField label="Why was NCMEC told after the deadline?" error={e.lateReason?.message} register={register("lateReason")} /> : null}
    </StepShell>
  );
}
