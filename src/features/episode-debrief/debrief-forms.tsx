"use client";

import { SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { focusSection } from "@/features/ui/focus-section";
import { CONCERN_LEVELS, DEBRIEF_ATTEMPT_RESULTS, RAN_FROM, RAN_TO, TRAFFICKING_FINDINGS } from "@/domain/code-sets";
import { BUTTON, CheckboxList, FormPart, FormStatus, SubmitButton, useDebriefForm, useFields } from "./debrief-form-kit";

type Target = { episodeId: string; version: number };

/** The debrief's answers as the form holds them: wall times and plain text. */
export type DebriefFormValues = {
  interviewerName: string;
  interviewerRole: string;
  interviewedAt: string;
  place: string;
  othersPresent: string;
  ranFrom: string[];
  ranTo: string[];
  factorsNarrative: string;
  responseNow: string;
  plansLater: string;
  stayedWhere: string;
  stayedWith: string;
  needsMet: string;
  harm: string;
};

type TextKey = Exclude<keyof DebriefFormValues, "ranFrom" | "ranTo">;

/** The return debrief in three parts; saved as it is, any part empty: what is missing is said when it is marked complete. */
export function DebriefForm({ episodeId, version, initial }: Target & { initial: DebriefFormValues }) {
  const form = useDebriefForm(episodeId, version, "debrief");
  const { values, setValues, field } = useFields(form, initial);
  const text = (key: TextKey) => ({ ...field(key), value: values[key] });
  return (
    <form method="post"
      className="mt-4 space-y-5"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.post("debrief", values);
      }}
    >
      <FormStatus form={form} title="The debrief was not saved" savedText="The debrief was saved." />
      <p className="max-w-prose">You can save part of the debrief and come back to it. Nothing you type is lost when you save.</p>
      <FormPart legend="The interview">
        <TextField {...text("interviewerName")} label="Who interviewed the child" autoComplete="off" />
        <TextField {...text("interviewerRole")} label="Their role" hint="For example: caseworker, therapist, police officer." autoComplete="off" />
        <TextField {...text("interviewedAt")} type="datetime-local" label="When the child was interviewed" hint="In the agency's time zone. Leave empty while there has been no interview." />
        <TextField {...text("place")} label="Where" autoComplete="off" />
        <TextAreaField {...text("othersPresent")} label="Who else was present" rows={2} />
      </FormPart>
      <FormPart legend="Why the child left">
        <CheckboxList
          id={form.id("ranFrom")}
          legend="What the child ran from"
          hint="Choose all that apply."
          error={form.errors.ranFrom}
          options={RAN_FROM}
          value={values.ranFrom}
          onChange={(ranFrom) => setValues({ ...values, ranFrom })}
        />
        <CheckboxList
          id={form.id("ranTo")}
          legend="What the child ran to"
          hint="Choose all that apply."
          error={form.errors.ranTo}
          options={RAN_TO}
          value={values.ranTo}
          onChange={(ranTo) => setValues({ ...values, ranTo })}
        />
        <TextAreaField {...text("factorsNarrative")} label="The primary factors, in words" />
        <TextAreaField {...text("responseNow")} label="The response to them in the current placement" />
        <TextAreaField {...text("plansLater")} label="Plans for later placements" />
      </FormPart>
      <FormPart legend="While the child was away">
        <TextAreaField {...text("stayedWhere")} label="Where the child stayed" rows={2} />
        <TextAreaField {...text("stayedWith")} label="Who the child stayed with" rows={2} />
        <TextAreaField {...text("needsMet")} label="How the child met their needs" hint="Food, shelter, money, medicine." rows={2} />
        <TextAreaField {...text("harm")} label="Harm the child suffered" rows={2} />
      </FormPart>
      <SubmitButton form={form}>Save the debrief</SubmitButton>
    </form>
  );
}

/** An attempt to debrief the child that did not happen. */
export function AttemptForm({ episodeId, version, nowWallTime }: Target & { nowWallTime: string }) {
  const form = useDebriefForm(episodeId, version, "debrief-attempt");
  const { values, field, reset } = useFields(form, { at: nowWallTime, result: "", nextAttemptOn: "", note: "" });
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold text-blue-800 underline">Record an attempt that did not happen</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.post("debrief/attempts", values).then((ok) => ok && reset());
        }}
      >
        <FormStatus form={form} title="The attempt was not recorded" savedText="The attempt was recorded." />
        <TextField {...field("at")} type="datetime-local" label="When" hint="In the agency's time zone." />
        <SelectField {...field("result")} label="What happened" options={DEBRIEF_ATTEMPT_RESULTS} />
        <TextField {...field("nextAttemptOn")} type="date" label="Date of the next attempt" hint="Leave empty if none is planned." />
        <TextAreaField {...field("note")} label="Note" rows={2} />
        <SubmitButton form={form}>Record the attempt</SubmitButton>
      </form>
    </details>
  );
}

/** A trafficking screen's result, as the agency records it. */
export function ScreenForm({ episodeId, version, nowWallTime, instruments }: Target & { nowWallTime: string; instruments: readonly { code: string; label: string }[] }) {
  const form = useDebriefForm(episodeId, version, "trafficking-screen");
  const { values, field, reset } = useFields(form, { instrument: "", instrumentVersion: "", result: "", screenedBy: "", screenedAt: nowWallTime });
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold text-blue-800 underline">Record a screen</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.post("trafficking/screens", values).then((ok) => ok && reset());
        }}
      >
        <FormStatus form={form} title="The screen was not recorded" savedText="The screen was recorded." />
        <SelectField {...field("instrument")} label="Screening instrument" options={instruments} />
        <TextField {...field("instrumentVersion")} label="Version of the instrument" hint="For example: full or brief." autoComplete="off" />
        <SelectField {...field("result")} label="Result: level of concern" options={CONCERN_LEVELS} />
        <TextField {...field("screenedBy")} label="Who screened" autoComplete="off" />
        <TextField {...field("screenedAt")} type="datetime-local" label="When" hint="In the agency's time zone." />
        <SubmitButton form={form}>Record the screen</SubmitButton>
      </form>
    </details>
  );
}

/** The determination: sex and labor trafficking findings, and when the agency received the information. */
export function DeterminationForm({ episodeId, version, initial }: Target & { initial: { sex: string; labor: string; informationReceivedAt: string } }) {
  const form = useDebriefForm(episodeId, version, "trafficking-determination");
  const { values, field } = useFields(form, initial);
  return (
    <form method="post"
      className="mt-3 space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.post("trafficking/determination", values);
      }}
    >
      <FormStatus form={form} title="The determination was not recorded" savedText="The determination was recorded." />
      <SelectField {...field("sex")} label="Sex trafficking" options={TRAFFICKING_FINDINGS} />
      <SelectField {...field("labor")} label="Labor trafficking" options={TRAFFICKING_FINDINGS} />
      <TextField
        {...field("informationReceivedAt")}
        type="datetime-local"
        label="When the agency received the information that identified the child"
        hint="In the agency's time zone; not in the future. Required for a suspected or confirmed victim: the report to law enforcement is due from this time."
      />
      <SubmitButton form={form}>Record the determination</SubmitButton>
    </form>
  );
}

/** The report of an identified victim to law enforcement, like the first report. */
export function TraffickingReportForm({ episodeId, version, nowWallTime }: Target & { nowWallTime: string }) {
  const form = useDebriefForm(episodeId, version, "trafficking-report");
  const { values, field } = useFields(form, { agencyName: "", officerName: "", caseNumber: "", reportedAt: nowWallTime, lateReason: "" });
  return (
    <form method="post"
      className="mt-3 space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.post("trafficking/report", values).then((ok) => ok && focusSection("trafficking-report-heading"));
      }}
    >
      <FormStatus form={form} title="The report was not recorded" savedText="The report was recorded." />
      <TextField {...field("agencyName")} label="Law-enforcement agency" autoComplete="off" />
      <TextField {...field("officerName")} label="Officer" autoComplete="off" />
      <TextField {...field("caseNumber")} label="Case number" autoComplete="off" />
      <TextField {...field("reportedAt")} type="datetime-local" label="When law enforcement was told" hint="In the agency's time zone." />
      <TextAreaField {...field("lateReason")} label="Reason, if after the deadline" rows={2} />
      <SubmitButton form={form}>Record the report</SubmitButton>
    </form>
  );
}

/** One button that asks for a change with nothing but the page's version (accept, complete, ran again); it is gone once it succeeds. */
export function DebriefActionButton({ episodeId, version, path, label, savedText }: Target & { path: string; label: string; savedText: string }) {
  const form = useDebriefForm(episodeId, version, path.replaceAll("/", "-"));
  return (
    <div className="mt-3">
      <FormStatus form={form} title="Not recorded" savedText={savedText} />
      <button type="button" disabled={form.busy} className={BUTTON} onClick={() => void form.post(path).then((ok) => ok && focusSection("debrief-heading"))}>
        {form.busy ? "Recording…" : label}
      </button>
    </div>
  );
}
