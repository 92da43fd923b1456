"use client";

import { useFieldArray } from "react-hook-form";
import { RadioGroup, SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { EYE_COLORS, HAIR_COLORS, SKIN_TONES, UNKNOWN_SKIN_TONE } from "@/domain/ncic-codes";
import { EYEWEAR, MARK_KINDS, YES_NO_UNKNOWN } from "@/domain/code-sets";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { PrefillNotice } from "./prefill-notice";
import type { StepProps } from "./step-props";

/** Glasses or contacts, or "Not known" (the form's "unknown"). */
const EYEWEAR_CHOICES = [...EYEWEAR, YES_NO_UNKNOWN[2]];

const withCodes = (set: readonly { code: string; label: string }[]) => set.map((o) => ({ code: o.code, label: `${o.label} (${o.code})` }));

export function DescriptionStep({ options, title, backHref, prefilledFromPrevious }: StepProps) {
  const { form, shell } = useStepForm("description", options);
  const { register, formState, control } = form;
  const marks = useFieldArray({ control, name: "marks" });
  const e = formState.errors;
  return (
    <StepShell
      title={title}
      intro={
        <>
          <PrefillNotice show={prefilledFromPrevious} />
          <p className="mt-2">Colors use the codes law enforcement enters into NCIC, so you can read them to the officer.</p>
        </>
      }
      backHref={backHref}
      {...shell}
    >
      <fieldset>
        <legend className="font-semibold">Height</legend>
        <div className="mt-1 flex gap-4">
          <TextField id="heightFeet" label="Feet" inputMode="numeric" className="w-24" error={e.heightFeet?.message} {...register("heightFeet")} />
          <TextField id="heightInches" label="Inches" inputMode="numeric" className="w-24" error={e.heightInches?.message} {...register("heightInches")} />
        </div>
      </fieldset>
      <TextField id="weightPounds" label="Weight in pounds" inputMode="numeric" className="w-40" error={e.weightPounds?.message} {...register("weightPounds")} />
      <div className="grid gap-5 sm:grid-cols-3">
        <SelectField id="hairColor" label="Hair color" options={withCodes(HAIR_COLORS)} error={e.hairColor?.message} {...register("hairColor")} />
        <SelectField id="eyeColor" label="Eye color" options={withCodes(EYE_COLORS)} error={e.eyeColor?.message} {...register("eyeColor")} />
        <SelectField
          id="skinTone"
          label="Complexion"
          options={[...withCodes(SKIN_TONES), { code: UNKNOWN_SKIN_TONE, label: "Unknown" }]}
          error={e.skinTone?.message}
          {...register("skinTone")}
        />
      </div>
      <RadioGroup id="eyewear" name="eyewear" label="Glasses or contact lenses" options={EYEWEAR_CHOICES} inline error={e.eyewear?.message} register={register("eyewear")} />
      <RadioGroup id="braces" name="braces" label="Braces on the teeth" options={YES_NO_UNKNOWN} inline error={e.braces?.message} register={register("braces")} />
      <fieldset className="space-y-4">
        <legend className="font-semibold">Scars, marks, tattoos and piercings</legend>
        {marks.fields.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        {marks.fields.map((field, index) => (
          <div key={field.id} className="grid gap-4 rounded border border-slate-300 bg-white p-3 sm:grid-cols-[12rem_12rem_1fr_auto] sm:items-end">
            <SelectField
              id={`marks-${index}-kind`}
              label={`Mark ${index + 1}: kind`}
              options={MARK_KINDS}
              error={e.marks?.[index]?.kind?.message}
              {...register(`marks.${index}.kind`)}
            />
            <TextField
              id={`marks-${index}-location`}
              label={`Mark ${index + 1}: where on the body`}
              error={e.marks?.[index]?.location?.message}
              {...register(`marks.${index}.location`)}
            />
            <TextField
              id={`marks-${index}-description`}
              label={`Mark ${index + 1}: description`}
              error={e.marks?.[index]?.description?.message}
              {...register(`marks.${index}.description`)}
            />
            <button type="button" onClick={() => marks.remove(index)} className="rounded border-2 border-slate-600 px-3 py-2">
              Remove mark {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => marks.append({ kind: "tattoo", location: "", description: "" })}
          className="rounded border-2 border-blue-800 px-3 py-2 font-semibold text-blue-900"
        >
          Add a scar, mark, tattoo or piercing
        </button>
      </fieldset>
      <TextAreaField
        id="otherFeatures"
        label="Other features (optional)"
        hint="Anything else that would help someone recognise the child: hairstyle, gait, speech, a disability."
        rows={3}
        error={e.otherFeatures?.message}
        {...register("otherFeatures")}
      />
    </StepShell>
  );
}
