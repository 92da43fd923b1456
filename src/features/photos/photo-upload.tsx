"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { TextField } from "@/features/ui/fields";
import { PHOTO_ATTESTATION, RECENT_PHOTO_DAYS } from "@/lib/photo-consent";
import { ZPhotoAddedSchema, ZPhotoUploadSchema } from "@/lib/schemas/photo-upload";
import { readApiError } from "@/lib/schemas/api-error";

type Errors = Partial<Record<"file" | "takenOn" | "attest", string>>;

/** Upload one photo with the date it was taken and the caseworker's consent statement. */
export function PhotoUpload({ episodeId }: { episodeId: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  async function upload(form: HTMLFormElement) {
    const data = new FormData(form);
    const local: Errors = {};
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) local.file = "Choose a photo of the child";
    const fields = ZPhotoUploadSchema.safeParse({ takenOn: data.get("takenOn"), attest: data.get("attest") });
    for (const issue of fields.error?.issues ?? []) {
      const field = issue.path[0];
      if (field === "takenOn" || field === "attest") local[field] ??= issue.message;
    }
    setNotice(null);
    setFormError(null);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/api/episodes/${episodeId}/photos`, { method: "POST", body: data });
      if (response.status === 201) {
        const added = ZPhotoAddedSchema.safeParse(await response.json().catch(() => null));
        setErrors({});
        form.reset();
        setNotice(
          added.data?.olderThanRecentLimit
            ? `Photo added. It is more than ${RECENT_PHOTO_DAYS} days old: law enforcement must update NCIC with a photo taken within ${RECENT_PHOTO_DAYS} days, so add a newer one if you can.`
            : "Photo added.",
        );
        router.refresh();
      } else {
        const failure = await readApiError(response);
        if (failure?.fieldErrors) setErrors(failure.fieldErrors);
        else setFormError(failure?.error ?? "The photo could not be uploaded. Try again.");
      }
    } catch {
      setFormError("The photo could not be sent: check the connection and try again.");
    } finally {
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const summary: SummaryError[] = [
    ...(errors.file ? [{ fieldId: "file", message: errors.file }] : []),
    ...(errors.takenOn ? [{ fieldId: "takenOn", message: errors.takenOn }] : []),
    ...(errors.attest ? [{ fieldId: "attest", message: errors.attest }] : []),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form method="post"
      ref={formRef}
      noValidate
      className="space-y-5 rounded border border-slate-300 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        void upload(event.currentTarget);
      }}
    >
      <h2 className="text-xl font-bold">Add a photo</h2>
      <ErrorSummary key={attempt} errors={summary} />
      {notice ? (
        <p role="status" className="rounded border-l-4 border-green-800 bg-green-50 p-3">
          {notice}
        </p>
      ) : null}
      <div>
        <label htmlFor="file" className="block font-semibold">
          Photo
        </label>
        <p id="file-hint" className="text-sm text-slate-700">
          A recent, clear color photo: JPEG, PNG, WebP or HEIC, up to 10 MB. From a phone you can take one with the camera.
        </p>
        {errors.file ? (
          <p id="file-error" className="mt-1 font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {errors.file}
          </p>
        ) : null}
        <input
          id="file"
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          aria-describedby={errors.file ? "file-hint file-error" : "file-hint"}
          aria-invalid={errors.file ? true : undefined}
          className="mt-1 block w-full max-w-md text-sm file:mr-3 file:min-h-11 file:rounded file:border-2 file:border-slate-600 file:bg-white file:px-3 file:py-2 file:font-semibold"
        />
      </div>
      <TextField id="takenOn" name="takenOn" type="date" label="Date the photo was taken" className="max-w-xs" error={errors.takenOn} />
      <div>
        {errors.attest ? (
          <p id="attest-error" className="font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {errors.attest}
          </p>
        ) : null}
        <div className="flex items-start gap-3">
          <input
            id="attest"
            name="attest"
            type="checkbox"
            value="yes"
            className="mt-1 h-5 w-5 accent-blue-800"
            aria-describedby={errors.attest ? "attest-error" : undefined}
            aria-invalid={errors.attest ? true : undefined}
          />
          <label htmlFor="attest">{PHOTO_ATTESTATION}</label>
        </div>
      </div>
      <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
        {busy ? "Uploading…" : "Upload the photo"}
      </button>
    </form>
  );
}
