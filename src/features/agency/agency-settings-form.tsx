"use client";

import { useState, type ChangeEvent } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { FieldGroup, SelectField, TextAreaField, TextField, fieldId } from "@/features/ui/fields";
import { NOTICE_RECIPIENTS, SCREENING_INSTRUMENTS, US_STATES, type NoticeRecipientCode } from "@/domain/code-sets";
import { AFTER_REPORT_RULE_BOUNDS, MAX_SCREENING_INSTRUMENTS } from "@/domain/after-report-rules";
import { FEDERAL_CLOCK_HOURS } from "@/domain/clocks";
import { REMINDER_SETTING_BOUNDS } from "@/domain/clock-reminders";
import { MAX_NOTICE_HOURS } from "@/domain/notice-rules";
import { ZAgencySettingsSchema, type TAgencySettings } from "@/lib/schemas/agency-settings";
import { readApiError } from "@/lib/schemas/api-error";

type NoticeRow = { on: boolean; hours: string };
/** The agency's whole numbers, typed into text boxes. */
const NUMBER_FIELDS = [
  "lawEnforcementClockHours",
  "ncmecClockHours",
  "returnNoticeHours",
  "debriefHours",
  "leadHours",
  "longTermMissingDays",
  "traffickingReportHours",
  "reminderFirstPercent",
  "reminderSecondPercent",
  "escalationMinutes",
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
type FormValues = Record<NumberField, string> & {
  name: string;
  state: string;
  timeZone: string;
  caseworkerSecondFactorOptional: boolean;
  secondFactorOptionalReason: string;
  missingNotices: Record<NoticeRecipientCode, NoticeRow>;
  returnNotices: Record<NoticeRecipientCode, NoticeRow>;
  /** The search reminder: off, or every so many days for so many days. */
  searchReminder: boolean;
  searchReminderEveryDays: string;
  searchReminderForDays: string;
  traffickingClockForSuspected: boolean;
  screeningInstruments: string[];
};
type ListName = "missingNotices" | "returnNotices";

const rowsOf = (list: TAgencySettings["missingNotices"]) =>
  Object.fromEntries(NOTICE_RECIPIENTS.map(({ code }) => [code, { on: list[code] !== undefined, hours: String(list[code] ?? 24) }])) as Record<NoticeRecipientCode, NoticeRow>;

/** A typed number as the schema reads it: blank or not a number fails its "whole number" check. */
const hoursOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function settingsOf(values: FormValues): unknown {
  const list = (rows: Record<NoticeRecipientCode, NoticeRow>) => Object.fromEntries(NOTICE_RECIPIENTS.filter(({ code }) => rows[code].on).map(({ code }) => [code, hoursOf(rows[code].hours)]));
  const { searchReminder, ...rest } = values;
  return {
    ...rest,
    ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, hoursOf(values[field])])),
    searchReminderEveryDays: searchReminder ? hoursOf(values.searchReminderEveryDays) : null,
    searchReminderForDays: searchReminder ? hoursOf(values.searchReminderForDays) : null,
    missingNotices: list(values.missingNotices),
    returnNotices: list(values.returnNotices),
  };
}

/**
 * The agency's settings: who it is, its reporting clocks, its second-factor rule, its notice lists,
 * and its rules after the report (return notices, debrief, leads, long-term missing, the search
 * reminder, the trafficking report and its own screening instruments), and when running clocks
 * remind people.
 */
export function AgencySettingsForm({ initial }: { initial: TAgencySettings }) {
  const router = useRouter();
  const [values, setValues] = useState<FormValues>({
    ...initial,
    lawEnforcementClockHours: String(initial.lawEnforcementClockHours),
    ncmecClockHours: String(initial.ncmecClockHours),
    returnNoticeHours: String(initial.returnNoticeHours),
    debriefHours: String(initial.debriefHours),
    leadHours: String(initial.leadHours),
    longTermMissingDays: String(initial.longTermMissingDays),
    traffickingReportHours: String(initial.traffickingReportHours),
    reminderFirstPercent: String(initial.reminderFirstPercent),
    reminderSecondPercent: String(initial.reminderSecondPercent),
    escalationMinutes: String(initial.escalationMinutes),
    searchReminder: initial.searchReminderEveryDays !== null,
    searchReminderEveryDays: String(initial.searchReminderEveryDays ?? 7),
    searchReminderForDays: String(initial.searchReminderForDays ?? 30),
    missingNotices: rowsOf(initial.missingNotices),
    returnNotices: rowsOf(initial.returnNotices),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const text = (field: "name" | "state" | "timeZone" | "secondFactorOptionalReason" | "searchReminderEveryDays" | "searchReminderForDays" | NumberField) => ({
    id: fieldId(field),
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues({ ...values, [field]: event.target.value }),
  });
  const setRow = (list: ListName, code: NoticeRecipientCode, row: Partial<NoticeRow>) =>
    setValues({ ...values, [list]: { ...values[list], [code]: { ...values[list][code], ...row } } });

  async function save() {
    setSaved(false);
    setFailure(null);
    const body = settingsOf(values);
    const parsed = ZAgencySettingsSchema.safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join(".")] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const response = await fetch("/api/admin/settings", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(parsed.data) });
      if (response.ok) {
        setSaved(true);
        router.refresh();
      } else {
        const error = await readApiError(response);
        setErrors(error?.fieldErrors ?? {});
        if (!error?.fieldErrors) setFailure(error?.error ?? "The settings could not be saved. Try again.");
      }
    } catch {
      setFailure("The settings could not be saved: check the connection and try again.");
    }
    setBusy(false);
  }

  const summary: SummaryError[] = [...Object.entries(errors).map(([path, message]) => ({ fieldId: fieldId(path), message })), ...(failure ? [{ message: failure }] : [])];

  return (
    <form method="post"
      className="mt-6 max-w-3xl space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ErrorSummary errors={summary} title="The settings were not saved" />
      {saved ? (
        <div role="status" className="rounded border-l-8 border-green-800 bg-green-50 p-4 font-semibold">
          Settings saved. New clocks use them; clocks already running keep the rule they started with.
        </div>
      ) : null}

      <FieldGroup title="The agency">
        <TextField label="Name" autoComplete="organization" {...text("name")} />
        <SelectField label="State" options={US_STATES} {...text("state")} />
        <TextField label="Time zone" hint="Its IANA name, such as America/New_York or America/Chicago. Deadlines are shown in it." {...text("timeZone")} />
      </FieldGroup>

      <FieldGroup title="Reporting clocks" hint={`Hours from when the agency learns a child is missing. Federal law allows at most ${FEDERAL_CLOCK_HOURS.NCMEC_REPORT}; your state may ask for less (Missouri asks for 2). A change applies to clocks that start after it.`}>
        <TextField label="Report to law enforcement within (hours)" inputMode="numeric" className="max-w-xs" {...text("lawEnforcementClockHours")} />
        <TextField label="Report to NCMEC within (hours)" inputMode="numeric" className="max-w-xs" {...text("ncmecClockHours")} />
      </FieldGroup>

      <FieldGroup title="Second factor" hint="Everyone signs in with a second factor. The agency may let caseworkers (and only them) sign in without one; the reason is kept.">
        <fieldset aria-describedby={errors.caseworkerSecondFactorOptional ? "caseworkerSecondFactorOptional-error" : undefined}>
          <legend className="font-semibold">May caseworkers sign in without a second factor?</legend>
          <div className="mt-2 space-y-2">
            {[
              { id: "caseworkerSecondFactorOptional", on: false, label: "No: everyone uses a second factor" },
              { id: "caseworkerSecondFactorOptional-yes", on: true, label: "Yes: caseworkers may sign in without one" },
            ].map((option) => (
              <div key={option.id} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={option.id}
                  name="caseworkerSecondFactorOptional"
                  className="h-5 w-5 accent-blue-800"
                  checked={values.caseworkerSecondFactorOptional === option.on}
                  onChange={() => setValues({ ...values, caseworkerSecondFactorOptional: option.on })}
                />
                <label htmlFor={option.id}>{option.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {values.caseworkerSecondFactorOptional ? <TextAreaField label="Why caseworkers may sign in without a second factor" rows={3} {...text("secondFactorOptionalReason")} /> : null}
      </FieldGroup>

      {(
        [
          ["missingNotices", "Who is told when a child goes missing", "Each one becomes a clock on the episode, from when the agency learned the child was missing."],
          ["returnNotices", "Who is told when a child returns", "Besides law enforcement and NCMEC (below), whom the law asks for. Each becomes a clock from when the agency learned of the recovery."],
        ] as const
      ).map(([list, title, hint]) => (
        <FieldGroup key={list} title={title} hint={`${hint} Deadlines are 1 to ${MAX_NOTICE_HOURS} hours.`}>
          {NOTICE_RECIPIENTS.map(({ code, label }) => {
            const row = values[list][code];
            const id = fieldId(`${list}.${code}`);
            return (
              <fieldset key={code} className="border-t border-slate-200 pt-3">
                <legend className="sr-only">{label}</legend>
                <div className="flex items-center gap-2">
                  <input type="checkbox" id={`${id}-on`} className="h-5 w-5 accent-blue-800" checked={row.on} onChange={(event) => setRow(list, code, { on: event.target.checked })} />
                  <label htmlFor={`${id}-on`} className="font-semibold">
                    {label}
                  </label>
                </div>
                {row.on ? (
                  <TextField
                    id={id}
                    label={`Deadline for ${label.toLowerCase()} (hours)`}
                    inputMode="numeric"
                    className="mt-2 max-w-xs"
                    value={row.hours}
                    error={errors[`${list}.${code}`]}
                    onChange={(event) => setRow(list, code, { hours: event.target.value })}
                  />
                ) : null}
              </fieldset>
            );
          })}
        </FieldGroup>
      ))}

      <FieldGroup title="After the report" hint="Each becomes a clock on the episode. A change applies to clocks that start after it.">
        <TextField
          label="Tell law enforcement and NCMEC of a return, or ask them to cancel their reports, within (hours)"
          hint={`From when the agency learned of the recovery or the episode ended; 1 to ${AFTER_REPORT_RULE_BOUNDS.returnNoticeHours.max}.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("returnNoticeHours")}
        />
        <TextField
          label="Return debrief within (hours after the recovery)"
          hint={`Federal law sets no limit; states do (72 is common). 1 to ${AFTER_REPORT_RULE_BOUNDS.debriefHours.max}.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("debriefHours")}
        />
        <TextField label="Pass a search lead to law enforcement within (hours)" hint={`1 to ${AFTER_REPORT_RULE_BOUNDS.leadHours.max}.`} inputMode="numeric" className="max-w-md" {...text("leadHours")} />
        <TextField
          label="Long-term missing checklist after (days missing)"
          hint={`Medical, dental and fingerprint records, relatives for DNA samples, NCMEC's long-term services. 1 to ${AFTER_REPORT_RULE_BOUNDS.longTermMissingDays.max}.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("longTermMissingDays")}
        />
      </FieldGroup>

      <FieldGroup title="Search reminder" hint="Off unless the agency asks for one (Florida, for one: weekly for 30 days). Each reminder is met by a search activity recorded in its time.">
        <div className="flex items-center gap-2">
          <input
            type="checkbox"
            id="searchReminder"
            className="h-5 w-5 accent-blue-800"
            checked={values.searchReminder}
            onChange={(event) => setValues({ ...values, searchReminder: event.target.checked })}
          />
          <label htmlFor="searchReminder" className="font-semibold">
            Remind caseworkers to search while a child is missing
          </label>
        </div>
        {values.searchReminder ? (
          <>
            <TextField label="Every (days)" hint={`1 to ${AFTER_REPORT_RULE_BOUNDS.searchReminderEveryDays.max}.`} inputMode="numeric" className="max-w-xs" {...text("searchReminderEveryDays")} />
            <TextField label="For (days after the child went missing)" hint={`Up to ${AFTER_REPORT_RULE_BOUNDS.searchReminderForDays.max}.`} inputMode="numeric" className="max-w-xs" {...text("searchReminderForDays")} />
          </>
        ) : null}
      </FieldGroup>

      <FieldGroup title="Trafficking report" hint="A child identified as a sex-trafficking victim is reported to law enforcement within 24 hours at most of the agency receiving the information (federal law); your state may ask for less (Texas: 8).">
        <TextField label="Report an identified victim to law enforcement within (hours)" inputMode="numeric" className="max-w-md" {...text("traffickingReportHours")} />
        <div className="flex items-start gap-2">
          <input
            type="checkbox"
            id="traffickingClockForSuspected"
            className="mt-1 h-5 w-5 shrink-0 accent-blue-800"
            checked={values.traffickingClockForSuspected}
            onChange={(event) => setValues({ ...values, traffickingClockForSuspected: event.target.checked })}
          />
          <label htmlFor="traffickingClockForSuspected">Also run this clock for a suspected victim, not only a confirmed one</label>
        </div>
      </FieldGroup>

      <FieldGroup
        title="Reminders and escalation"
        hint="For every running clock: reminders to the assigned caseworker as its time runs out, an overdue notice to the caseworker and their team's supervisors at the deadline, and an escalation to the on-call list if it is still overdue. A change applies from the next reminder on."
      >
        <TextField
          label="First reminder to the caseworker (percent of the clock's time passed)"
          hint={`${REMINDER_SETTING_BOUNDS.reminderFirstPercent.min} to ${REMINDER_SETTING_BOUNDS.reminderFirstPercent.max}; 50 is half the time.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("reminderFirstPercent")}
        />
        <TextField
          label="Second reminder to the caseworker (percent of the clock's time passed)"
          hint={`Later than the first, at most ${REMINDER_SETTING_BOUNDS.reminderSecondPercent.max}; 75 is three quarters.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("reminderSecondPercent")}
        />
        <TextField
          label="Escalate to the on-call list when still overdue after (minutes)"
          hint={`${REMINDER_SETTING_BOUNDS.escalationMinutes.min} to ${REMINDER_SETTING_BOUNDS.escalationMinutes.max} (a day); 120 is two hours.`}
          inputMode="numeric"
          className="max-w-md"
          {...text("escalationMinutes")}
        />
      </FieldGroup>

      <FieldGroup
        title="Screening instruments"
        hint={`Built in: ${SCREENING_INSTRUMENTS.map((instrument) => instrument.label).join("; ")}. Add the ones your agency uses by name (at most ${MAX_SCREENING_INSTRUMENTS}).`}
      >
        {errors.screeningInstruments ? (
          <p id="screeningInstruments" className="font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {errors.screeningInstruments}
          </p>
        ) : null}
        {values.screeningInstruments.length === 0 ? <p>No instruments of the agency&apos;s own.</p> : null}
        {values.screeningInstruments.map((instrument, index) => (
          <div key={index} className="flex flex-wrap items-end gap-x-4 gap-y-2">
            <TextField
              id={fieldId(`screeningInstruments.${index}`)}
              label={`Instrument ${index + 1}`}
              className="min-w-0 flex-1"
              value={instrument}
              error={errors[`screeningInstruments.${index}`]}
              onChange={(event) => setValues({ ...values, screeningInstruments: values.screeningInstruments.map((name, i) => (i === index ? event.target.value : name)) })}
            />
            <button
              type="button"
              className="py-2 font-semibold text-blue-800 underline"
              onClick={() => setValues({ ...values, screeningInstruments: values.screeningInstruments.filter((_, i) => i !== index) })}
            >
              Remove instrument {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-800"
          onClick={() => setValues({ ...values, screeningInstruments: [...values.screeningInstruments, ""] })}
        >
          Add an instrument
        </button>
      </FieldGroup>

      <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
