"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { RadioGroup, TextAreaField, TextField, YES_NO } from "@/features/ui/fields";
import { useStepForm } from "./use-step-form";
import { StepShell } from "./step-shell";
import { PrefillNotice } from "./prefill-notice";
import type { StepProps } from "./step-props";

const addButton = "rounded border-2 border-blue-800 px-3 py-2 font-semibold text-blue-900";
const removeButton = "rounded border-2 border-slate-600 px-3 py-2";
const row = "grid gap-4 rounded border border-slate-300 bg-white p-3 sm:items-end";

export function ContactsStep({ options, title, backHref, prefilledFromPrevious }: StepProps) {
  const { form, shell } = useStepForm("contacts", options);
  const { register, formState, control } = form;
  const phones = useFieldArray({ control, name: "phones" });
  const accounts = useFieldArray({ control, name: "accounts" });
  const companions = useFieldArray({ control, name: "companions" });
  const abductorKnown = useWatch({ control, name: "abductorKnown" });
  const e = formState.errors;
  return (
    <StepShell
      title={title}
      intro={<PrefillNotice show={prefilledFromPrevious} />}
      backHref={backHref}
      {...shell}
    >
      <fieldset className="space-y-3">
        <legend className="text-xl font-bold">The child&apos;s phone numbers</legend>
        {phones.fields.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        {phones.fields.map((field, i) => (
          <div key={field.id} className={`${row} sm:grid-cols-[1fr_1fr_auto]`}>
            <TextField id={`phones-${i}-number`} label={`Phone ${i + 1}: number`} type="tel" error={e.phones?.[i]?.number?.message} {...register(`phones.${i}.number`)} />
            <TextField id={`phones-${i}-note`} label={`Phone ${i + 1}: note (optional)`} hint="Carrier, whose phone, prepaid…" error={e.phones?.[i]?.note?.message} {...register(`phones.${i}.note`)} />
            <button type="button" className={removeButton} onClick={() => phones.remove(i)}>
              Remove phone {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className={addButton} onClick={() => phones.append({ number: "", note: "" })}>
          Add a phone number
        </button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-xl font-bold">Social-media and chat accounts</legend>
        {accounts.fields.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        {accounts.fields.map((field, i) => (
          <div key={field.id} className={`${row} sm:grid-cols-[1fr_1fr_auto]`}>
            <TextField id={`accounts-${i}-platform`} label={`Account ${i + 1}: app or site`} error={e.accounts?.[i]?.platform?.message} {...register(`accounts.${i}.platform`)} />
            <TextField id={`accounts-${i}-handle`} label={`Account ${i + 1}: user name`} error={e.accounts?.[i]?.handle?.message} {...register(`accounts.${i}.handle`)} />
            <button type="button" className={removeButton} onClick={() => accounts.remove(i)}>
              Remove account {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className={addButton} onClick={() => accounts.append({ platform: "", handle: "" })}>
          Add an account
        </button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-xl font-bold">Companions last seen with the child</legend>
        {companions.fields.length === 0 ? <p className="text-slate-700">None recorded.</p> : null}
        {companions.fields.map((field, i) => (
          <div key={field.id} className={`${row} sm:grid-cols-[1fr_2fr_auto]`}>
            <TextField id={`companions-${i}-name`} label={`Companion ${i + 1}: name (optional)`} error={e.companions?.[i]?.name?.message} {...register(`companions.${i}.name`)} />
            <TextField
              id={`companions-${i}-description`}
              label={`Companion ${i + 1}: description`}
              error={e.companions?.[i]?.description?.message}
              {...register(`companions.${i}.description`)}
            />
            <button type="button" className={removeButton} onClick={() => companions.remove(i)}>
              Remove companion {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className={addButton} onClick={() => companions.append({ name: "", description: "" })}>
          Add a companion
        </button>
      </fieldset>

      <RadioGroup
        id="abductorKnown"
        name="abductorKnown"
        label="Is there a suspected abductor?"
        options={YES_NO}
        inline
        error={e.abductorKnown?.message}
        register={register("abductorKnown")}
      />
      {abductorKnown === "yes" ? (
        <fieldset className="space-y-4 rounded border border-slate-300 bg-white p-4">
          <legend className="font-bold">Suspected abductor</legend>
          <TextField id="abductor-name" label="Name (if known)" error={e.abductor?.name?.message} {...register("abductor.name")} />
          <TextAreaField id="abductor-description" label="Description and characteristics" rows={3} error={e.abductor?.description?.message} {...register("abductor.description")} />
          <TextField id="abductor-phone" label="Phone number" type="tel" error={e.abductor?.phone?.message} {...register("abductor.phone")} />
          <TextField id="abductor-driversLicense" label="Driver's license number and state" error={e.abductor?.driversLicense?.message} {...register("abductor.driversLicense")} />
          <TextAreaField id="abductor-vehicle" label="Vehicle" hint="Make, model, color, plate." rows={2} error={e.abductor?.vehicle?.message} {...register("abductor.vehicle")} />
        </fieldset>
      ) : null}
    </StepShell>
  );
}
