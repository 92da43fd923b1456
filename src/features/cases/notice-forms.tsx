"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/features/ui/error-summary";
import { SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { NOTICE_NOT_APPLICABLE_REASONS, type EpisodeNoticeRecipient, type NoticeNotApplicableCode } from "@/domain/code-sets";
import { readApiError } from "@/lib/schemas/api-error";

type Props = { episodeId: string; version: number; recipient: EpisodeNoticeRecipient; label: string; reasons: readonly NoticeNotApplicableCode[]; nowWallTime: string };

/** Records one notice as sent, or not applicable for this child, and reloads the case page. */
export function NoticeForms({ episodeId, version, recipient, label, reasons, nowWallTime }: Props) {
  const router = useRouter();
  const [sentAt, setSentAt] = useState(nowWallTime);
  const [lateReason, setLateReason] = useState("");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => `notice-${recipient}-${field}`;

  async function send(action: "sent" | "not-applicable", body: Record<string, unknown>) {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const response = await fetch(`/api/episodes/${episodeId}/notices/${recipient}/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version, ...body }),
      });
      if (response.ok) {
        router.refresh();
      } else {
        const error = await readApiError(response);
        if (error?.fieldErrors) setErrors(error.fieldErrors);
        else setFailure(error?.error ?? "That could not be recorded. Try again.");
      }
    } catch {
      setFailure("That could not be recorded: check the connection and try again.");
    }
    setBusy(false);
  }

  const summary = [...Object.entries(errors).map(([field, message]) => ({ fieldId: id(field), message })), ...(failure ? [{ message: failure }] : [])];
  const options = NOTICE_NOT_APPLICABLE_REASONS.filter((option) => reasons.includes(option.code));
  const button = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";

  return (
    <div className="mt-3">
      <ErrorSummary errors={summary} title={`The notice to ${label.toLowerCase()} was not recorded`} />
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-blue-800 underline">Record that {label.toLowerCase()} was told</summary>
        <form
          className="mt-3 space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send("sent", { sentAt, lateReason });
          }}
        >
          <TextField id={id("sentAt")} type="datetime-local" label="When they were told" hint="In the agency's time zone." value={sentAt} error={errors.sentAt} onChange={(e) => setSentAt(e.target.value)} />
          <TextAreaField id={id("lateReason")} label="Reason, if after the deadline" rows={2} value={lateReason} error={errors.lateReason} onChange={(e) => setLateReason(e.target.value)} />
          <button type="submit" disabled={busy} className={button}>
            Record as told
          </button>
        </form>
      </details>
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-blue-800 underline">Not applicable for this child</summary>
        <form
          className="mt-3 space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason) {
              setErrors({ reason: "Choose why this notice does not apply." });
              return;
            }
            void send("not-applicable", { reason, note });
          }}
        >
          <SelectField id={id("reason")} label="Why it does not apply" options={options} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
          <TextAreaField id={id("note")} label="Note" hint='Required for "Other".' rows={2} value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" disabled={busy} className={button}>
            Mark not applicable
          </button>
        </form>
      </details>
    </div>
  );
}
