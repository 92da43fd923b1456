"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { FieldGroup, SelectField } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { adminRequest } from "./admin-request";

/** A deactivated person's open cases, each to tick, and the active caseworker who takes them. */
export function ReassignEpisodesForm({
  userId,
  episodes,
  caseworkers,
}: {
  userId: string;
  episodes: { id: string; label: string }[];
  caseworkers: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>(episodes.map((episode) => episode.id));
  const [toUserId, setToUserId] = useState("");
  const [errors, setErrors] = useState<{ fieldId?: string; message: string }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <FieldGroup title="Reassign open cases" hint="This person can no longer work these cases. Choose who takes them.">
      <form method="post"
        noValidate
        className="space-y-5"
        onSubmit={async (event) => {
          event.preventDefault();
          const problems = [
            ...(chosen.length === 0 ? [{ fieldId: "episodes", message: "Choose at least one case to reassign" }] : []),
            ...(toUserId === "" ? [{ fieldId: "toUserId", message: "Choose the caseworker to take the cases" }] : []),
          ];
          setErrors(problems);
          setDone(null);
          if (problems.length > 0) return;
          setBusy(true);
          const answer = await adminRequest<{ reassigned: number }>("POST", `/api/admin/users/${userId}/reassign-episodes`, { episodeIds: chosen, toUserId });
          setBusy(false);
          if (!answer.ok) return setErrors([{ message: answer.fieldErrors.toUserId ?? answer.fieldErrors.episodeIds ?? answer.error }]);
          setDone(`${answer.data.reassigned} ${answer.data.reassigned === 1 ? "case" : "cases"} reassigned.`);
          router.refresh();
        }}
      >
        <ErrorSummary errors={errors} />
        <fieldset>
          <legend id="episodes" tabIndex={-1} className="font-semibold">
            Open cases
          </legend>
          <div className="mt-2 space-y-2">
            {episodes.map((episode) => (
              <div key={episode.id} className="flex items-center gap-2">
                <input
                  id={`episode-${episode.id}`}
                  type="checkbox"
                  className="h-5 w-5 accent-blue-800"
                  checked={chosen.includes(episode.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, episode.id] : chosen.filter((id) => id !== episode.id))}
                />
                <label htmlFor={`episode-${episode.id}`}>{episode.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <SelectField
          id="toUserId"
          label="Caseworker who takes them"
          options={caseworkers.map((person) => ({ code: person.id, label: person.name }))}
          value={toUserId}
          onChange={(e) => setToUserId(e.target.value)}
        />
        <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
          {busy ? "Reassigning…" : "Reassign the chosen cases"}
        </button>
        <p role="status" className="font-semibold">
          {done ?? ""}
        </p>
      </form>
    </FieldGroup>
  );
}
