"use client";

import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField, YES_NO } from "@/features/ui/fields";
import { RACES, SEXES } from "@/domain/ncic-codes";
import { ETHNICITIES, LEGAL_STATUSES } from "@/domain/code-sets";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { PrefillNotice } from "./prefill-notice";
import type { StepProps } from "./step-props";

export function ChildStep({ options, title, backHref, prefilledFromPrevious }: StepProps) {
  const { form, shell } = useStepForm("child", options);
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <StepShell
      title={title}
      intro={<PrefillNotice show={prefilledFromPrevious} />}
      backHref={backHref}
      {...shell}
    >
      <div className="grid gap-5 sm:grid-cols-3">
        <TextField id="firstName" label="First name" autoComplete="off" error={e.firstName?.message} {...register("firstName")} />
        <TextField id="middleName" label="Middle name (optional)" autoComplete="off" error={e.middleName?.message} {...register("middleName")} />
        <TextField id="lastName" label="Last name" autoComplete="off" error={e.lastName?.message} {...register("lastName")} />
      </div>
      <TextAreaField
        id="aliases"
        label="Aliases and nicknames (optional)"
        hint="One per line: names the child uses or is called by, including online."
        rows={3}
        error={e.aliases?.message}
        {...register("aliases")}
      />
      <TextField id="dateOfBirth" label="Date of birth" type="date" className="max-w-xs" error={e.dateOfBirth?.message} {...register("dateOfBirth")} />
      <RadioGroup id="sex" name="sex" label="Sex" options={SEXES} inline error={e.sex?.message} register={register("sex")} />
      <CheckboxGroup id="races" name="races" label="Race" hint="Choose all that apply." options={RACES} error={e.races?.message} register={register("races")} />
      <RadioGroup id="ethnicity" name="ethnicity" label="Ethnicity" options={ETHNICITIES} inline error={e.ethnicity?.message} register={register("ethnicity")} />
      <TextField id="agencyCaseNumber" label="Agency case number" className="max-w-sm" autoComplete="off" error={e.agencyCaseNumber?.message} {...register("agencyCaseNumber")} />
      <SelectField id="legalStatus" label="Legal status" options={LEGAL_STATUSES} error={e.legalStatus?.message} {...register("legalStatus")} />
      <TextAreaField
        id="custodyDetails"
        label="Custody details"
        hint="Who holds custody, court orders, anything NCMEC or law enforcement should know. Required when the legal status is Other."
        rows={3}
        error={e.custodyDetails?.message}
        {...register("custodyDetails")}
      />
      <RadioGroup
        id="underAgencyGuardianship"
        name="underAgencyGuardianship"
        label="Is the agency the child's legal guardian?"
        hint="For young people of 18 to 20, answer yes only if they are still under the agency's guardianship."
        options={YES_NO}
        inline
        error={e.underAgencyGuardianship?.message}
        register={register("underAgencyGuardianship")}
      />
    </StepShell>
  );
}
