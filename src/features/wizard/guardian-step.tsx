"use client";

import { useWatch } from "react-hook-form";
import { RadioGroup, TextField, YES_NO } from "@/features/ui/fields";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import type { StepProps } from "./step-props";

export function GuardianStep({ options, title, backHref }: StepProps) {
  const { form, shell } = useStepForm("guardian", options);
  const { register, formState, control } = form;
  const same = useWatch({ control, name: "guardianSameAsReporter" });
  const e = formState.errors;
  return (
    <StepShell
      title={title}
      intro={<p>Filled in from your account and your agency. Change anything that is different.</p>}
      backHref={backHref}
      {...shell}
    >
      <fieldset className="space-y-4">
        <legend className="text-xl font-bold">Reporting party</legend>
        <TextField id="reporterName" label="Full name" autoComplete="name" error={e.reporterName?.message} {...register("reporterName")} />
        <TextField id="reporterAgency" label="Agency" autoComplete="organization" error={e.reporterAgency?.message} {...register("reporterAgency")} />
        <TextField id="reporterPhone" label="Phone number" type="tel" autoComplete="tel" className="max-w-sm" error={e.reporterPhone?.message} {...register("reporterPhone")} />
        <TextField id="reporterEmail" label="Email address" type="email" autoComplete="email" error={e.reporterEmail?.message} {...register("reporterEmail")} />
      </fieldset>
      <RadioGroup
        id="guardianSameAsReporter"
        name="guardianSameAsReporter"
        label="Is the reporting party also the child's legal guardian (or the guardian's representative)?"
        options={YES_NO}
        inline
        error={e.guardianSameAsReporter?.message}
        register={register("guardianSameAsReporter")}
      />
      {same === "no" ? (
        <fieldset className="space-y-4">
          <legend className="text-xl font-bold">Legal guardian</legend>
          <TextField id="guardianName" label="Full name" error={e.guardianName?.message} {...register("guardianName")} />
          <TextField id="guardianAgency" label="Agency (optional)" error={e.guardianAgency?.message} {...register("guardianAgency")} />
          <TextField id="guardianPhones" label="Phone numbers" hint="All numbers, separated by commas." error={e.guardianPhones?.message} {...register("guardianPhones")} />
          <TextField id="guardianEmail" label="Email address (optional)" type="email" error={e.guardianEmail?.message} {...register("guardianEmail")} />
        </fieldset>
      ) : null}
    </StepShell>
  );
}
