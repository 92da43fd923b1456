"use client";

import { useState, type ChangeEvent } from "react";
import { ErrorSummary } from "@/features/ui/error-summary";
import { SelectField, TextAreaField, TextField, fieldId } from "@/features/ui/fields";
import { useCaseAction } from "@/features/cases/case-action";
import { MARK_KINDS, RECOVERED_BY, RECOVERY_PLACE_KINDS, US_STATES } from "@/domain/code-sets";
import type { Mark, RecoveryFacts } from "@/domain/episode-facts";
import { instantToWallTime } from "@/domain/zoned-time";

type TextName =
  | "locatedAt"
  | "recoveredAt"
  | "knownAt"
  | "address"
  | "city"
  | "state"
  | "placeKind"
  | "recoveredBy"
  | "officerName"
  | "lawEnforcementCaseNumber"
  | "condition"
  | "placement"
  | "packetSummary";
type Values = Record<TextName, string> & { outOfState: boolean; newMarks: Mark[] };

/** The form's values from a recovery already recorded (times in the agency's zone), or empty. */
function valuesOf(recovery: RecoveryFacts | null, timeZone: string): Values {
  const wall = (at: Date | null | undefined) => (at ? instantToWallTime(at, timeZone) : "");
  return {
    locatedAt: wall(recovery?.locatedAt),
    recoveredAt: wall(recovery?.recoveredAt),
    knownAt: wall(recovery?.knownAt),
    address: recovery?.address ?? "",
    city: recovery?.city ?? "",
    state: recovery?.state ?? "",
    placeKind: recovery?.placeKind ?? "",
    recoveredBy: recovery?.recoveredBy ?? "",
    officerName: recovery?.officerName ?? "",
    lawEnforcementCaseNumber: recovery?.lawEnforcementCaseNumber ?? "",
    condition: recovery?.condition ?? "",
    placement: recovery?.placement ?? "",
    packetSummary: recovery?.packetSummary ?? "",
    outOfState: recovery?.outOfState ?? false,
    newMarks: recovery?.newMarks.map((mark) => ({ ...mark })) ?? [],
  };
}

const id = (field: string) => `recovery-${fieldId(field)}`;
const EMPTY_MARK: Mark = { kind: "tattoo", location: "", description: "" };

/**
 * Records the recovery or corrects it: located and recovered (either, or both, in any order), when
 * the agency learned of it, where, how and by whom, the child's condition, new marks, where the
 * child is placed now and the summary the next episode's packet carries.
 */
export function RecoveryForm({ episodeId, version, recovery, timeZone }: { episodeId: string; version: number; recovery: RecoveryFacts | null; timeZone: string }) {
  const { send, busy, failure, fieldErrors } = useCaseAction(version);
  const [values, setValues] = useState<Values>(() => valuesOf(recovery, timeZone));
  const text = (field: TextName) => ({
    id: id(field),
    name: field,
    value: values[field],
    error: fieldErrors[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues({ ...values, [field]: event.target.value }),
  });
  const setMark = (index: number, change: Partial<Mark>) => setValues({ ...values, newMarks: values.newMarks.map((mark, i) => (i === index ? { ...mark, ...change } : mark)) });
  const summary = [...Object.entries(fieldErrors).map(([field, message]) => ({ fieldId: id(field), message })), ...(failure ? [{ message: failure }] : [])];
  const byLawEnforcement = values.recoveredBy === "LAW_ENFORCEMENT";

  return (
    <form method="post"
      className="mt-3 space-y-5"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The officer and case number go with a recovery by law enforcement only.
        void send(`/api/episodes/${episodeId}/recovery`, { ...values, ...(byLawEnforcement ? {} : { officerName: "", lawEnforcementCaseNumber: "" }) });
      }}
    >
      <ErrorSummary errors={summary} title="The recovery was not saved" />
      <fieldset className="space-y-4">
        <legend className="font-semibold">When</legend>
        <p className="text-sm text-slate-700">Times are in the agency&apos;s time zone. Fill in located, recovered, or both, in the order they happened.</p>
        <TextField type="datetime-local" label="Located: when the agency learned where the child is" {...text("locatedAt")} />
        <TextField type="datetime-local" label="Recovered: when the child was back in care" {...text("recoveredAt")} />
        <TextField
          type="datetime-local"
          label="When the agency learned of the recovery"
          hint="The return notices are due a set time after it. Left empty, it is the moment you save."
          {...text("knownAt")}
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="font-semibold">Where</legend>
        <TextField label="Address" autoComplete="off" {...text("address")} />
        <TextField label="City" autoComplete="off" {...text("city")} />
        <SelectField label="State" options={US_STATES} {...text("state")} />
        <SelectField label="Kind of place" options={RECOVERY_PLACE_KINDS} {...text("placeKind")} />
        <div className="flex items-start gap-2">
          <input
            type="checkbox"
            id={id("outOfState")}
            className="mt-1 h-5 w-5 shrink-0 accent-blue-800"
            checked={values.outOfState}
            onChange={(event) => setValues({ ...values, outOfState: event.target.checked })}
          />
          <label htmlFor={id("outOfState")}>Found in another state (the Interstate Compact for Juveniles applies)</label>
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="font-semibold">How, and by whom</legend>
        <SelectField label="How the child came back" options={RECOVERED_BY} {...text("recoveredBy")} />
        {byLawEnforcement ? (
          <>
            <TextField label="Officer's name" autoComplete="off" {...text("officerName")} />
            <TextField label="Law enforcement's case number" autoComplete="off" {...text("lawEnforcementCaseNumber")} />
          </>
        ) : null}
      </fieldset>
      <TextAreaField label="The child's condition" rows={3} {...text("condition")} />
      <fieldset className="space-y-4">
        <legend className="font-semibold">New scars, marks or tattoos</legend>
        <p className="text-sm text-slate-700">They update the child&apos;s description for any later report. A new photo goes through the photos page.</p>
        {values.newMarks.length === 0 ? <p>None recorded.</p> : null}
        {values.newMarks.map((mark, index) => (
          <fieldset key={index} className="space-y-3 border-l-4 border-slate-300 pl-3">
            <legend className="font-semibold">New mark {index + 1}</legend>
            <SelectField
              id={id(`newMarks.${index}.kind`)}
              label="Kind"
              options={MARK_KINDS}
              value={mark.kind}
              error={fieldErrors[`newMarks.${index}.kind`]}
              onChange={(event) => {
                const kind = MARK_KINDS.find((option) => option.code === event.target.value)?.code;
                if (kind) setMark(index, { kind });
              }}
            />
            <TextField id={id(`newMarks.${index}.location`)} label="Where on the body" value={mark.location} error={fieldErrors[`newMarks.${index}.location`]} onChange={(event) => setMark(index, { location: event.target.value })} />
            <TextField id={id(`newMarks.${index}.description`)} label="Description" value={mark.description} error={fieldErrors[`newMarks.${index}.description`]} onChange={(event) => setMark(index, { description: event.target.value })} />
            <button type="button" className="font-semibold text-blue-800 underline" onClick={() => setValues({ ...values, newMarks: values.newMarks.filter((_, i) => i !== index) })}>
              Remove new mark {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-800" onClick={() => setValues({ ...values, newMarks: [...values.newMarks, { ...EMPTY_MARK }] })}>
          Add a new mark
        </button>
      </fieldset>
      <TextAreaField label="Where the child is placed now" rows={2} {...text("placement")} />
      <TextAreaField
        label="Summary for a later packet"
        hint="If the child runs again, the next episode's full packet carries it with the date, city and state, kind of place and how the child came back. Leave out the placement, the child's condition and anything from the debrief."
        rows={3}
        {...text("packetSummary")}
      />
      <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Saving…" : "Save the recovery"}
      </button>
    </form>
  );
}
