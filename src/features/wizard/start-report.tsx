"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import { RadioGroup, TextField, YES_NO } from "@/features/ui/fields";
import { ZNewChildSchema, type TNewChild } from "@/lib/schemas/start-report";
import { ZChildSearchAnswerSchema, ZChildSearchSchema, type TChildSearchResult } from "@/lib/schemas/child-search";
import { readApiError } from "@/lib/schemas/api-error";
import { summaryOf } from "./summary-of";

type Refusal = { message: string; episodeId?: string };

const ZEpisodeStartedSchema = z.object({ episodeId: z.string() });

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Find the child among the agency's children, or add a new one, and open a new episode. */
export function StartReport() {
  const router = useRouter();
  const [results, setResults] = useState<TChildSearchResult[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const refuse = (value: Refusal | null) => {
    setRefusal(value);
    setAttempt((n) => n + 1);
  };

  /** Starts the episode and goes to its first step; answers the server's field errors, if any, for the form to show. */
  async function start(body: unknown): Promise<Record<string, string> | null> {
    setBusy(true);
    try {
      const response = await post("/api/episodes", body);
      if (response.status === 201) {
        const started = ZEpisodeStartedSchema.safeParse(await response.json().catch(() => null));
        if (started.success) {
          router.push(`/cases/${started.data.episodeId}/report/child`);
          return null;
        }
        refuse({ message: "The report could not be started. Try again." });
        return null;
      }
      const failure = await readApiError(response);
      if (response.status === 422 && failure?.fieldErrors) return failure.fieldErrors;
      if (response.status === 409) refuse({ message: failure?.error ?? "A report cannot be started for this child.", episodeId: failure?.episodeId });
      else refuse({ message: failure?.error ?? "The report could not be started. Try again." });
      return null;
    } catch {
      refuse({ message: "The report could not be started: check the connection and try again." });
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function search(form: FormData) {
    setSearchError(null);
    setRefusal(null);
    const terms = ZChildSearchSchema.safeParse({
      name: String(form.get("search-name") ?? ""),
      dateOfBirth: String(form.get("search-dob") ?? ""),
      agencyCaseNumber: String(form.get("search-case") ?? ""),
    });
    if (!terms.success) {
      setSearchError(terms.error.issues[0]?.message ?? "The search did not work. Try again.");
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const response = await post("/api/children/search", terms.data);
      if (response.status === 200) {
        const answer = ZChildSearchAnswerSchema.safeParse(await response.json().catch(() => null));
        if (answer.success) setResults(answer.data.children);
        else setSearchError("The search did not work. Try again.");
      } else {
        const failure = await readApiError(response);
        setSearchError(Object.values(failure?.fieldErrors ?? {})[0] ?? failure?.error ?? "The search did not work. Try again.");
      }
    } catch {
      setSearchError("The search could not be sent: check the connection and try again.");
    }
    setAttempt((n) => n + 1);
  }

  const newChild = useForm<TNewChild>({
    resolver: zodResolver(ZNewChildSchema),
    defaultValues: { firstName: "", lastName: "", dateOfBirth: "", agencyCaseNumber: "", underAgencyGuardianship: "yes" },
  });
  const e = newChild.formState.errors;
  const summary: SummaryError[] = [
    ...(searchError ? [{ fieldId: "search-name", message: searchError }] : []),
    ...summaryOf(e).map((s) => ({ ...s, fieldId: `new-${s.fieldId}` })),
  ];

  return (
    <div className="space-y-8">
      <ErrorSummary key={attempt} errors={summary} />
      {refusal ? (
        <div role="alert" className="rounded border-2 border-red-700 bg-white p-4">
          <h2 className="text-lg font-bold text-red-800">A new report cannot be started</h2>
          <p className="mt-1">{refusal.message}</p>
          {refusal.episodeId ? (
            <p className="mt-2">
              <Link href={`/cases/${refusal.episodeId}`} className="text-blue-800 underline">
                Go to the open episode
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="find-child" className="space-y-4 rounded border border-slate-300 bg-white p-4">
        <h2 id="find-child" className="text-xl font-bold">
          Find the child
        </h2>
        <form method="post"
          className="grid gap-4 sm:grid-cols-3 sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            void search(new FormData(event.currentTarget));
          }}
        >
          <TextField id="search-name" name="search-name" label="Name" autoComplete="off" />
          <TextField id="search-dob" name="search-dob" label="Date of birth" type="date" />
          <TextField id="search-case" name="search-case" label="Agency case number" autoComplete="off" />
          <div>
            <button type="submit" className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900">
              Search
            </button>
          </div>
        </form>
        {results ? (
          results.length === 0 ? (
            <p role="status">No child of your agency matches. Add the child below.</p>
          ) : (
            <div>
              <p role="status">{results.length === 1 ? "1 child matches." : `${results.length} children match.`}</p>
              <ul className="mt-2 divide-y divide-slate-300">
                {results.map((child) => (
                  <li key={child.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div>
                      <p className="font-semibold">{child.name}</p>
                      <p className="text-sm text-slate-700">
                        Born {child.dateOfBirth} · Case {child.agencyCaseNumber} · {child.episodeCount} earlier{" "}
                        {child.episodeCount === 1 ? "episode" : "episodes"}
                      </p>
                    </div>
                    {child.openEpisodeId ? (
                      <Link href={`/cases/${child.openEpisodeId}`} className="text-blue-800 underline">
                        Open episode in progress: go to it<span className="sr-only"> for {child.name}</span>
                      </Link>
                    ) : (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void start({ childId: child.id })}
                        className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
                      >
                        Start a report for {child.name}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </section>

      <section aria-labelledby="new-child" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="new-child" className="text-xl font-bold">
          Or add a child who is not in Homeward yet
        </h2>
        <form method="post"
          noValidate
          className="mt-4 space-y-4"
          onSubmit={newChild.handleSubmit(
            async (values) => {
              const fieldErrors = await start({ newChild: values });
              if (fieldErrors) {
                for (const [path, message] of Object.entries(fieldErrors)) newChild.setError(path as Path<TNewChild>, { type: "server", message });
                setAttempt((n) => n + 1);
              }
            },
            () => setAttempt((n) => n + 1),
          )}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="new-firstName" label="First name" autoComplete="off" error={e.firstName?.message} {...newChild.register("firstName")} />
            <TextField id="new-lastName" label="Last name" autoComplete="off" error={e.lastName?.message} {...newChild.register("lastName")} />
          </div>
          <TextField id="new-dateOfBirth" label="Date of birth" type="date" className="max-w-xs" error={e.dateOfBirth?.message} {...newChild.register("dateOfBirth")} />
          <TextField id="new-agencyCaseNumber" label="Agency case number" className="max-w-sm" autoComplete="off" error={e.agencyCaseNumber?.message} {...newChild.register("agencyCaseNumber")} />
          <RadioGroup
            id="new-underAgencyGuardianship"
            name="underAgencyGuardianship"
            label="Is the agency the child's legal guardian?"
            hint="Homeward reports children under 18, and young people of 18 to 20 still under the agency's guardianship."
            options={YES_NO}
            inline
            error={e.underAgencyGuardianship?.message}
            register={newChild.register("underAgencyGuardianship")}
          />
          <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
            Add the child and start the report
          </button>
        </form>
      </section>
    </div>
  );
}
