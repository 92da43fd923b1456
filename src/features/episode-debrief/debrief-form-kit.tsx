"use client";

import { useState, type ReactNode } from "react";
import { useCaseAction } from "@/features/cases/case-action";
import { ErrorSummary } from "@/features/ui/error-summary";
import { HintAndError, describedBy } from "@/features/ui/fields";

/**
 * What every form of the debrief section shares: the post to the episode's route with the page's
 * version, each field's error by its field name, the problems listed at the top, a status in words
 * once saved, and the checkboxes of the ran-from and ran-to categories.
 */
export function useDebriefForm(episodeId: string, version: number, prefix: string) {
  const action = useCaseAction(version);
  const [saved, setSaved] = useState(false);
  // "ranFrom.0" is the field "ranFrom": its error shows next to the whole group.
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(action.fieldErrors)) errors[field.split(".")[0]!] ??= message;
  const id = (field: string) => `${prefix}-${field}`;
  const summary = [...Object.entries(errors).map(([field, message]) => ({ fieldId: id(field), message })), ...(action.failure ? [{ message: action.failure }] : [])];
  async function post(path: string, body: Record<string, unknown> = {}) {
    setSaved(false);
    const ok = await action.send(`/api/episodes/${episodeId}/${path}`, body);
    setSaved(ok);
    return ok;
  }
  return { busy: action.busy, errors, id, summary, saved, post };
}

type Form = ReturnType<typeof useDebriefForm>;

/** A form's values, and each text field's props (id, value, error, onChange) by its name. */
export function useFields<V extends Record<string, string | string[]>>(form: Form, initial: V) {
  const [values, setValues] = useState(initial);
  const field = (key: keyof V & string) => ({
    id: form.id(key),
    value: values[key],
    error: form.errors[key],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value }),
  });
  /** Back to the start, after a record is added (so it is not added twice). */
  const reset = () => setValues(initial);
  return { values, setValues, field, reset };
}

/** The problems at the top of a form, and "saved" in words once it is. */
export function FormStatus({ form, title, savedText }: { form: Form; title: string; savedText: string }) {
  return (
    <>
      <ErrorSummary errors={form.summary} title={title} />
      <p role="status" className="font-semibold">
        {form.saved ? savedText : ""}
      </p>
    </>
  );
}

export const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";

export function SubmitButton({ form, children }: { form: Form; children: ReactNode }) {
  return (
    <button type="submit" disabled={form.busy} className={BUTTON}>
      {form.busy ? "Saving…" : children}
    </button>
  );
}

/** A group of checkboxes bound to a list of codes, in a fieldset whose legend is the question. */
export function CheckboxList({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly { code: string; label: string }[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  return (
    <fieldset className="min-w-0" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="mt-2 space-y-2">
        {options.map((option, index) => {
          const inputId = index === 0 ? id : `${id}-${option.code}`;
          return (
            <div key={option.code} className="flex items-start gap-2">
              <input
                type="checkbox"
                id={inputId}
                value={option.code}
                checked={value.includes(option.code)}
                onChange={(event) => onChange(event.target.checked ? [...value, option.code] : value.filter((code) => code !== option.code))}
                className="mt-0.5 h-5 w-5 shrink-0 accent-blue-800"
              />
              <label htmlFor={inputId} className="min-w-0">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A fieldset of the debrief form: its legend names the part. */
export function FormPart({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 space-y-4 rounded border border-slate-300 p-3 sm:p-4">
      <legend className="px-1 text-lg font-bold">{legend}</legend>
      {children}
    </fieldset>
  );
}
