"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { FieldGroup, TextField } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { adminRequest } from "./admin-request";

type Person = { id: string; name: string };

function useChange() {
  const router = useRouter();
  const [error, setError] = useState<{ fieldId?: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body: unknown, success: string, fieldId?: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    const answer = await adminRequest(method, url, body);
    setBusy(false);
    if (!answer.ok) {
      setError({ fieldId, message: Object.values(answer.fieldErrors)[0] ?? answer.error });
      return false;
    }
    setDone(success);
    router.refresh();
    return true;
  }
  return { error, done, busy, send };
}

const primary = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const secondary = "rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-800 hover:bg-blue-50 disabled:opacity-70";

function Status({ done }: { done: string | null }) {
  return (
    <p role="status" className="font-semibold">
      {done ?? ""}
    </p>
  );
}

/** Adds a team by name. */
export function CreateTeamForm() {
  const [name, setName] = useState("");
  const change = useChange();
  return (
    <FieldGroup title="Add a team">
      <form method="post"
        noValidate
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await change.send("POST", "/api/admin/teams", { name }, `Team "${name.trim()}" added.`, "new-team-name")) setName("");
        }}
      >
        <ErrorSummary errors={change.error ? [change.error] : []} />
        <TextField id="new-team-name" label="Team name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={change.error?.message} />
        <button type="submit" disabled={change.busy} className={primary}>
          Add the team
        </button>
        <Status done={change.done} />
      </form>
    </FieldGroup>
  );
}

/** One team's name, supervisors and removal, for an admin. */
export function TeamEditor({ team, supervisorChoices }: { team: { id: string; name: string; supervisorIds: string[]; memberCount: number }; supervisorChoices: Person[] }) {
  const [name, setName] = useState(team.name);
  const [chosen, setChosen] = useState<string[]>(team.supervisorIds);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const change = useChange();
  const prefix = `team-${team.id}`;
  return (
    <div className="mt-4 space-y-5 border-t border-slate-300 pt-4">
      <ErrorSummary errors={change.error ? [change.error] : []} title="That was not done" />
      <form method="post"
        noValidate
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          await change.send("PATCH", `/api/admin/teams/${team.id}`, { name }, "Team renamed.", `${prefix}-name`);
        }}
      >
        <TextField id={`${prefix}-name`} label={`Name of the team "${team.name}"`} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={change.busy} className={secondary}>
          Rename
        </button>
      </form>
      <form method="post"
        noValidate
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          await change.send("PUT", `/api/admin/teams/${team.id}/supervisors`, { userIds: chosen }, "Supervisors saved.", `${prefix}-supervisors`);
        }}
      >
        <fieldset>
          <legend id={`${prefix}-supervisors`} tabIndex={-1} className="font-semibold">
            Supervisors of {team.name}
          </legend>
          {supervisorChoices.length === 0 ? <p className="text-slate-700">Nobody holds the Supervisor role yet: give someone the role on their page.</p> : null}
          <div className="mt-2 space-y-2">
            {supervisorChoices.map((person) => (
              <div key={person.id} className="flex items-center gap-2">
                <input
                  id={`${prefix}-supervisor-${person.id}`}
                  type="checkbox"
                  className="h-5 w-5 accent-blue-800"
                  checked={chosen.includes(person.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, person.id] : chosen.filter((id) => id !== person.id))}
                />
                <label htmlFor={`${prefix}-supervisor-${person.id}`}>{person.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={change.busy} className={secondary}>
          Save the supervisors
        </button>
      </form>
      <div>
        {confirmDelete ? (
          <div role="group" aria-labelledby={`${prefix}-delete-question`} className="rounded border-2 border-amber-700 p-3">
            <p id={`${prefix}-delete-question`} className="font-semibold">
              Delete the team {team.name}?
            </p>
            <div className="mt-3 flex flex-wrap gap-3">
              <button type="button" disabled={change.busy} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900" onClick={() => void change.send("DELETE", `/api/admin/teams/${team.id}`, undefined, "Team deleted.")}>
                Yes, delete it
              </button>
              <button type="button" className="rounded border-2 border-slate-700 px-4 py-2 font-semibold" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className={secondary} onClick={() => setConfirmDelete(true)}>
            Delete the team
          </button>
        )}
        <p className="mt-1 text-slate-700">{team.memberCount > 0 ? "Only a team without members can be deleted: move them first, on each person's page." : "The team has no members."}</p>
      </div>
      <Status done={change.done} />
    </div>
  );
}

/** The agency-wide on-call list: who is called when a team's supervisors are not there. */
export function OnCallForm({ people }: { people: (Person & { onCall: boolean })[] }) {
  const [chosen, setChosen] = useState<string[]>(people.filter((person) => person.onCall).map((person) => person.id));
  const change = useChange();
  return (
    <form method="post"
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        await change.send("PUT", "/api/admin/teams/on-call", { userIds: chosen }, "On-call list saved.", "on-call");
      }}
    >
      <ErrorSummary errors={change.error ? [change.error] : []} />
      <fieldset>
        <legend id="on-call" tabIndex={-1} className="font-semibold">
          People on call
        </legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {people.map((person) => (
            <div key={person.id} className="flex items-center gap-2">
              <input
                id={`on-call-${person.id}`}
                type="checkbox"
                className="h-5 w-5 accent-blue-800"
                checked={chosen.includes(person.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, person.id] : chosen.filter((id) => id !== person.id))}
              />
              <label htmlFor={`on-call-${person.id}`}>{person.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={change.busy} className={primary}>
        Save the on-call list
      </button>
      <Status done={change.done} />
    </form>
  );
}
