"use client";

import { useWatch } from "react-hook-form";
import { RadioGroup, TextAreaField, TextField, YES_NO_UNKNOWN } from "@/features/ui/fields";
import { LAW_ENFORCEMENT_OUTCOMES } from "@/domain/code-sets";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { DeadlineNote, isLate } from "./deadline-note";
import { LateReasonField } from "./late-reason-field";
import type { StepProps } from "./step-props";


export function LawEnforcementStep({ options, title, backHref, timeZone, deadline }: StepProps) {
  const { form, shell } = useStepForm("law-enforcement", options);
  const { register, formState, control } = form;
  const [outcome, ncicEntered, reportedAt] = useWatch({ control, name: ["outcome", "ncicEntered", "reportedAt"] });
  const e = formState.errors;
  const late = isLate(reportedAt, deadline, timeZone) || Boolean(e.lateReason);
  const zone = timeZone.replaceAll("_", " ");
  return (
    <StepShell
      title={title}
      intro={
        <>
          <p>
            Report to law enforcement first: they enter the child into NCIC. No waiting period applies. If they refuse or fail
            to take the report, record who, when and what was said; you still report to NCMEC.
          </p>
          <div className="mt-3">
            <DeadlineNote deadline={deadline} timeZone={timeZone} />
          </div>
        </>
      }
      backHref={backHref}
      {...shell}
    >
      <RadioGroup id="outcome" name="outcome" label="What happened?" options={LAW_ENFORCEMENT_OUTCOMES} error={e.outcome?.message} register={register("outcome")} />
      <TextField id="agencyName" label="Law-enforcement agency" error={e.agencyName?.message} {...register("agencyName")} />
      <TextField id="phone" label="Agency phone number" type="tel" className="max-w-sm" error={e.phone?.message} {...register("phone")} />
      <TextField
        id="reportedAt"
        label={outcome === "REFUSED" ? "When did they refuse or fail to take the report?" : "When was law enforcement told?"}
        hint={`Date and time (${zone}).`}
        type="datetime-local"
        className="max-w-sm"
        error={e.reportedAt?.message}
        {...register("reportedAt")}
      />
      {outcome === "REFUSED" ? (
        <>
          <TextField id="refusedBy" label="Who refused or failed to take it?" hint="Name, rank or role, and badge number if given." error={e.refusedBy?.message} {...register("refusedBy")} />
          <TextAreaField id="refusalStatement" label="What did they say?" rows={3} error={e.refusalStatement?.message} {...register("refusalStatement")} />
        </>
      ) : (
        <>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField id="officerName" label="Officer who took the report" error={e.officerName?.message} {...register("officerName")} />
            <TextField id="badgeNumber" label="Badge number (optional)" error={e.badgeNumber?.message} {...register("badgeNumber")} />
          </div>
          <TextField id="caseNumber" label="Law-enforcement case number" className="max-w-sm" error={e.caseNumber?.message} {...register("caseNumber")} />
          <RadioGroup id="ncicEntered" name="ncicEntered" label="Was the child entered into NCIC?" options={YES_NO_UNKNOWN} inline error={e.ncicEntered?.message} register={register("ncicEntered")} />
          {ncicEntered === "yes" ? (
            <>
              <TextField id="ncicNumber" label="NCIC number" className="max-w-sm" error={e.ncicNumber?.message} {...register("ncicNumber")} />
              <TextField
                id="ncicEnteredAt"
                label="When was the child entered into NCIC? (if known)"
                hint={`Date and time (${zone}). Law enforcement must update the record within 30 days of this; you will be asked for the records by day 25.`}
                type="datetime-local"
                className="max-w-sm"
                error={e.ncicEnteredAt?.message}
                {...register("ncicEnteredAt")}
              />
            </>
          ) : null}
        </>
      )}
      {late ? <LateReasonField label="Why was this reported after the deadline?" error={e.lateReason?.message} register={register("lateReason")} /> : null}
    </StepShell>
  );
}
