"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type DefaultValues, type Path, type Resolver } from "react-hook-form";
import type { FormStepKey } from "@/domain/steps";
import type { StepValues } from "@/lib/schemas/episode-steps";
import type { SummaryError } from "@/features/ui/error-summary";
import { lazyResolver, onFirstUse } from "@/features/ui/lazy-resolver";
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

/** The step's validation: its zod schema, loaded after the page (src/features/ui/lazy-resolver.ts). */
function stepResolver<K extends FormStepKey>(step: K) {
  return lazyResolver(() =>
    Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/episode-steps")]).then(
      // The resolver's overloads cannot follow a schema picked by a generic key; STEP_FORMS ties each key to its values.
      ([{ zodResolver }, { STEP_FORMS }]): Resolver<StepValues[K]> => zodResolver(STEP_FORMS[step] as never) as never,
    ),
  );
}

/**
 * One wizard step's form: validation with the step's zod schema, a copy of what is typed on this
 * device at once and on the server within seconds (autosave), and the step save, where the refusal
 * of an outdated save is shown rather than overwritten.
 */
export function useStepForm<K extends FormStepKey>(stepKey: K, options: StepFormOptions) {
  type Values = StepValues[K];
  const router = useRouter();
  const [validation] = useState(() => stepResolver(stepKey));
  const form = useForm<Values>({
    resolver: validation.resolver,
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
    const stopWaiting = onFirstUse(validation.preload);
    copy.forgetOtherPeoples();
    const restored = copy.newerThan(options.serverDraftAt);
    if (restored) {
      form.reset(restored.values as Values);
      // Saved against the version it was typed on: a change saved since shows as a conflict.
      versionRef.current = restored.baseVersion;
      autosave.restored(restored.at);
    }
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: () => {
        copy.write(form.getValues(), versionRef.current);
        autosave.changed();
      },
    });
    return () => {
      stopWaiting();
      unsubscribe();
    };
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
