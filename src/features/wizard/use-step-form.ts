"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldValues, type DefaultValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod/mini";
import type { SummaryError } from "@/features/ui/error-summary";
import { sessionContact } from "@/features/shell/session-end";
import { useAutosave } from "./use-autosave";
import { localCopy } from "./local-copy";
import { saveStep, type Conflict } from "./save-step";
import { summaryOf } from "./summary-of";

export type { AutosaveState } from "./use-autosave";
export type { Conflict } from "./save-step";

export type StepFormOptions = {
  episodeId: string;
  step: string;
  version: number;
  initialValues: Record<string, unknown>;
  /** When this person's server draft of the step was last written (null: none), to compare with this device's copy. */
  serverDraftAt: number | null;
  /** Whose typing this is: copies on a shared device never cross people. */
  userId: string;
  nextHref: string;
};

/**
 * One wizard step's form: validation with the step's zod schema, a copy of what is typed on this
 * device at once and on the server within seconds (autosave), and the step save, where the refusal
 * of an outdated save is shown rather than overwritten.
 */
export function useStepForm<S extends z.core.$ZodType<FieldValues, FieldValues>>(schema: S, options: StepFormOptions) {
  type Values = z.infer<S>;
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: options.initialValues as DefaultValues<Values>,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The version the next save is based on; moves on after each save or a seen conflict.
  const versionRef = useRef(options.version);
  const { userId, episodeId, step } = options;
  const copy = useMemo(() => localCopy({ userId, episodeId, step }), [userId, episodeId, step]);
  const draft = useCallback(() => ({ baseVersion: versionRef.current, values: form.getValues() as Record<string, unknown> }), [form]);
  const autosave = useAutosave({ episodeId, step, draft, onSent: copy.sentAsOf });

  useEffect(() => {
    copy.forgetOtherPeoples();
    const restored = copy.newerThan(options.serverDraftAt);
    if (restored) {
      form.reset(restored.values as Values);
      // Saved against the version it was typed on: a change saved since shows as a conflict.
      versionRef.current = restored.baseVersion;
      autosave.restored(restored.at);
    }
    return form.subscribe({
      formState: { values: true },
      callback: () => {
        copy.write(form.getValues(), versionRef.current);
        autosave.changed();
      },
    });
    // Set up once per step page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async (values: Values) => {
    setFormError(null);
    autosave.cancelPending();
    // A draft still on its way must land before the save, which then deletes it.
    await autosave.settled();
    const outcome = await saveStep(options, versionRef.current, values);
    if (outcome.kind === "signed-out") return autosave.signedOut();
    // Saved, or refused on its merits: the server took the session as open.
    if (outcome.kind !== "failed") sessionContact();
    if (outcome.kind === "saved") {
      autosave.cancelPending();
      copy.clear();
      versionRef.current = outcome.version ?? versionRef.current;
      router.push(options.nextHref);
      return;
    }
    if (outcome.kind === "invalid") {
      for (const [path, message] of Object.entries(outcome.fieldErrors)) form.setError(path as Path<Values>, { type: "server", message });
    } else if (outcome.kind === "conflict") {
      setConflict(outcome.conflict);
      versionRef.current = outcome.version ?? versionRef.current;
    } else {
      setFormError(outcome.message);
    }
    setAttempt((n) => n + 1);
  };
  const onSubmit = (event?: React.BaseSyntheticEvent) => form.handleSubmit(save, () => setAttempt((n) => n + 1))(event);

  const summary: SummaryError[] = [...summaryOf(form.formState.errors), ...(formError ? [{ message: formError }] : [])];
  /** What StepShell needs, spread into it by each step. */
  const shell = { summary, attempt, conflict, autosave: autosave.state, onCheckSignedIn: autosave.checkSignedIn, onSubmit, submitting: form.formState.isSubmitting };
  return { form, shell };
}
