import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** Form controls with a visible label, an optional hint and an error, tied together for assistive technology. */

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string };

export function fieldId(name: string): string {
  return name.replaceAll(".", "-");
}

/** The ids of a control's hint and error, for aria-describedby. */
export function describedBy(id: string, hint?: unknown, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A control's hint and its error in words, with the ids describedBy() names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

const inputClass = (error?: string) =>
  `mt-1 block w-full rounded border-2 bg-white px-3 py-2 ${error ? "border-red-700" : "border-slate-600"}`;

export function TextField({ id, label, hint, error, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass(error)} {...input} />
    </div>
  );
}

export function TextAreaField({ id, label, hint, error, rows = 4, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea id={id} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass(error)} {...rest} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  options,
  placeholder = "Choose…",
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { code: string; label: string }[]; placeholder?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass(error)} {...rest}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type ChoiceProps = Common & {
  name: string;
  options: readonly { code: string; label: string }[];
  inline?: boolean;
  register: (InputHTMLAttributes<HTMLInputElement> & { ref?: unknown }) | Record<string, unknown>;
};

/** A group of radio buttons or checkboxes in a fieldset whose legend is the question. */
function ChoiceGroup({ type, id, label, hint, error, options, inline, register }: ChoiceProps & { type: "radio" | "checkbox" }) {
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend className="font-semibold">{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={`mt-2 ${inline ? "flex flex-wrap gap-x-6 gap-y-2" : "space-y-2"}`}>
        {options.map((option, index) => (
          <div key={option.code} className="flex items-center gap-2">
            <input
              type={type}
              id={index === 0 ? id : `${id}-${option.code}`}
              value={option.code}
              className="h-5 w-5 accent-blue-800"
              {...(register as InputHTMLAttributes<HTMLInputElement>)}
            />
            <label htmlFor={index === 0 ? id : `${id}-${option.code}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroup(props: ChoiceProps) {
  return <ChoiceGroup type="radio" {...props} />;
}

export function CheckboxGroup(props: ChoiceProps) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

export { YES_NO, YES_NO_UNKNOWN } from "@/domain/code-sets";

export function FieldGroup({ title, children, hint }: { title: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <section className="space-y-5 rounded border border-slate-300 bg-white p-4">
      <h2 className="text-xl font-bold">{title}</h2>
      {hint ? <p className="text-slate-700">{hint}</p> : null}
      {children}
    </section>
  );
}
