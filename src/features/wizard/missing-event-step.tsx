"use client";

import { RadioGroup, TextAreaField, TextField, YES_NO_UNKNOWN } from "@/features/ui/fields";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { PrefillNotice } from "./prefill-notice";
import type { StepProps } from "./step-props";

export function MissingEventStep({ options, title, backHref, timeZone, prefilledFromPrevious }: StepProps) {
  const { form, shell } = useStepForm("missing-event", options);
  const { register, formState } = form;
  const e = formState.errors;
  const zone = timeZone.replaceAll("_", " ");
  return (
    <StepShell
      title={title}
      intro={
        <>
          <PrefillNotice show={prefilledFromPrevious} />
          <p className="mt-2">
            The 24-hour deadline for reporting to law enforcement and to NCMEC starts when the agency learned the child was
            missing. Times are in {zone} time.
          </p>
        </>
      }
      backHref={backHref}
      {...shell}
    >
      <TextField
        id="discoveredAt"
        label="When did the agency learn the child was missing?"
        hint={`Date and time (${zone}). This starts the clock; it cannot be in the future.`}
        type="datetime-local"
        className="max-w-sm"
        error={e.discoveredAt?.message}
        {...register("discoveredAt")}
      />
      <TextField
        id="lastSeenAt"
        label="When was the child last seen?"
        hint={`Date and time (${zone}).`}
        type="datetime-local"
        className="max-w-sm"
        error={e.lastSeenAt?.message}
        {...register("lastSeenAt")}
      />
      <TextField id="lastSeenPlace" label="Where was the child last seen?" hint="Address or place, and the city." error={e.lastSeenPlace?.message} {...register("lastSeenPlace")} />
      <TextField
        id="lastSeenCity"
        label="City or town and state"
        hint="Shown on public posters instead of the exact place, for example: Springfield, NY."
        className="max-w-md"
        error={e.lastSeenCity?.message}
        {...register("lastSeenCity")}
      />
      <TextAreaField
        id="circumstances"
        label="Circumstances"
        hint="How the child went missing: what happened before, who noticed, anything said or planned."
        rows={5}
        error={e.circumstances?.message}
        {...register("circumstances")}
      />
      <TextAreaField id="clothing" label="Clothing when last seen" hint="Colors, brands, shoes, bag, anything carried." rows={3} error={e.clothing?.message} {...register("clothing")} />
      <TextAreaField
        id="possibleDestinations"
        label="Where the child may be going (optional)"
        hint="Friends, family, places the child mentioned or has gone before."
        rows={3}
        error={e.possibleDestinations?.message}
        {...register("possibleDestinations")}
      />
      <RadioGroup
        id="hasRunBefore"
        name="hasRunBefore"
        label="Has the child run away or gone missing before?"
        options={YES_NO_UNKNOWN}
        inline
        error={e.hasRunBefore?.message}
        register={register("hasRunBefore")}
      />
    </StepShell>
  );
}
