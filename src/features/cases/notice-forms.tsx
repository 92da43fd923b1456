"use client";

import { useState } from "react";
import { ErrorSummary } from "@/features/ui/error-summary";
import { SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { useCaseAction } from "@/features/cases/case-action";
import { NOTICE_NOT_APPLICABLE_REASONS, YES_NO_UNKNOWN, type EpisodeNoticeEvent, type EpisodeNoticeRecipient, type NoticeNotApplicableCode } from "@/domain/code-sets";
import { inSentence, isNoticeAuthority } from "@/domain/notice-rules";

type Props = {
  episodeId: string;
  version: number;
  recipient: EpisodeNoticeRecipient;
  label: string;
  reasons: readonly NoticeNotApplicableCode[];
  nowWallTime: string;
  /** Which notice: of the child missing (the default), returned, or a report to cancel. */
  event?: EpisodeNoticeEvent;
};

/** The words of each event's form: what the notice is and what law enforcement's or NCMEC's confirmation is. */
const WORDS: Record<EpisodeNoticeEvent, { record: (who: string) => string; button: string; when: string; confirm: Partial<Record<EpisodeNoticeRecipient, string>> }> = {
  MISSING: { record: (who) => `Record that ${who} was told`, button: "Record as told", when: "When they were told", confirm: {} },
  RETURN: {
    record: (who) => `Record that ${who} was told of the return`,
    button: "Record as told",
    when: "When they were told",
    confirm: { LAW_ENFORCEMENT: "Was the NCIC entry cleared?", NCMEC: "Did NCMEC close its case?" },
  },
  CANCEL: {
    record: (who) => `Record that ${who} was asked to cancel the report`,
    button: "Record as asked",
    when: "When they were asked",
    confirm: { LAW_ENFORCEMENT: "Was the NCIC entry cancelled?", NCMEC: "Did NCMEC close its case?" },
  },
};

const CONFIRMED = { yes: true, no: false, unknown: null } as const;

/**
 * Records one notice as given (for a return or a cancellation also who told whom and how, and
 * whether law enforcement cleared its NCIC entry or NCMEC closed its case), or not applicable for
 * this child when the recipient allows it, and reloads the case page.
 */
export function NoticeForms({ episodeId, version, recipient, label, reasons, nowWallTime, event = "MISSING" }: Props) {
  const { send, busy, failure, fieldErrors } = useCaseAction(version);
  const [sentAt, setSentAt] = useState(nowWallTime);
  const [lateReason, setLateReason] = useState("");
  const [toldBy, setToldBy] = useState("");
  const [toWhom, setToWhom] = useState("");
  const [method, setMethod] = useState("");
  const [confirmed, setConfirmed] = useState<keyof typeof CONFIRMED>("unknown");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors, ...localErrors };
  const id = (field: string) => `notice-${event}-${recipient}-${field}`;
  const words = WORDS[event];
  const who = inSentence(label);
  const confirmQuestion = isNoticeAuthority(recipient) ? words.confirm[recipient] : undefined;

  async function record(action: "sent" | "not-applicable", body: Record<string, unknown>) {
    setLocalErrors({});
    await send(`/api/episodes/${episodeId}/notices/${recipient}/${action}`, { event, ...body });
  }

  const summary = [...Object.entries(errors).map(([field, message]) => ({ fieldId: id(field), message })), ...(failure ? [{ message: failure }] : [])];
  const options = NOTICE_NOT_APPLICABLE_REASONS.filter((option) => reasons.includes(option.code));
  const button = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";

  return (
    <div className="mt-3">
      <ErrorSummary errors={summary} title={`The notice to ${who} was not recorded`} />
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-blue-800 underline">{words.record(who)}</summary>
        <form method="post"
          className="mt-3 space-y-4"
          noValidate
          onSubmit={(submitted) => {
            submitted.preventDefault();
            const details = event === "MISSING" ? {} : { toldBy, toWhom, method, confirmed: confirmQuestion ? CONFIRMED[confirmed] : null };
            void record("sent", { sentAt, lateReason, ...details });
          }}
        >
          <TextField id={id("sentAt")} type="datetime-local" label={words.when} hint="In the agency's time zone." value={sentAt} error={errors.sentAt} onChange={(e) => setSentAt(e.target.value)} />
          {event === "MISSING" ? null : (
            <>
              <TextField id={id("toldBy")} label="Who told them" autoComplete="off" value={toldBy} error={errors.toldBy} onChange={(e) => setToldBy(e.target.value)} />
              <TextField id={id("toWhom")} label="The person told" hint="Their name, and their role or badge number." autoComplete="off" value={toWhom} error={errors.toWhom} onChange={(e) => setToWhom(e.target.value)} />
              <TextField id={id("method")} label="How" hint="Phone, e-mail, in person, a portal." autoComplete="off" value={method} error={errors.method} onChange={(e) => setMethod(e.target.value)} />
              {confirmQuestion ? (
                <SelectField
                  id={id("confirmed")}
                  label={confirmQuestion}
                  options={YES_NO_UNKNOWN}
                  placeholder="Choose…"
                  value={confirmed}
                  error={errors.confirmed}
                  onChange={(e) => setConfirmed(e.target.value === "yes" || e.target.value === "no" ? e.target.value : "unknown")}
                />
              ) : null}
            </>
          )}
          <TextAreaField id={id("lateReason")} label="Reason, if after the deadline" rows={2} value={lateReason} error={errors.lateReason} onChange={(e) => setLateReason(e.target.value)} />
          <button type="submit" disabled={busy} className={button}>
            {words.button}
          </button>
        </form>
      </details>
      {options.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold text-blue-800 underline">Not applicable for this child</summary>
          <form method="post"
            className="mt-3 space-y-4"
            noValidate
            onSubmit={(submitted) => {
              submitted.preventDefault();
              if (!reason) {
                setLocalErrors({ reason: "Choose why this notice does not apply." });
                return;
              }
              void record("not-applicable", { reason, note });
            }}
          >
            <SelectField id={id("reason")} label="Why it does not apply" options={options} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
            <TextAreaField id={id("note")} label="Note" hint='Required for "Other".' rows={2} value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
            <button type="submit" disabled={busy} className={button}>
              Mark not applicable
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
