"use client";

import { RadioGroup, TextAreaField, YES_NO_UNKNOWN } from "@/features/ui/fields";
import { RISKS } from "@/domain/code-sets";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { PrefillNotice } from "./prefill-notice";
import type { StepProps } from "./step-props";

export function RisksStep({ options, title, backHref, prefilledFromPrevious }: StepProps) {
  const { form, shell } = useStepForm("risks", options);
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <StepShell
      title={title}
      intro={
        <>
          <PrefillNotice show={prefilledFromPrevious} />
          <p className="mt-2">
            NCMEC and law enforcement use these answers to judge how urgent the search is. They never appear on a public poster.
          </p>
        </>
      }
      backHref={backHref}
      {...shell}
    >
      {RISKS.map((risk) => (
        <div key={risk.key} className="space-y-3 rounded border border-slate-300 bg-white p-4">
          <RadioGroup
            id={`${risk.key}-present`}
            name={`${risk.key}.present`}
            label={risk.label}
            hint={risk.hint}
            options={YES_NO_UNKNOWN}
            inline
            error={e[risk.key]?.present?.message}
            register={register(`${risk.key}.present`)}
          />
          <TextAreaField
            id={`${risk.key}-details`}
            label={`${risk.label}: details`}
            hint="Required when the answer is yes."
            rows={2}
            error={e[risk.key]?.details?.message}
            {...register(`${risk.key}.details`)}
          />
        </div>
      ))}
    </StepShell>
  );
}
