"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldErrors, type FieldValues, type DefaultValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldId } from "@/features/ui/fields";
import type { SummaryError } from "@/features/ui/error-summary";

const AUTOSAVE_DELAY_MS = 1500;

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

export type Conflict = { message: string; current: Record<string, unknown> | null; savedBy: string | null };
export type AutosaveState = { state: "idle" | "saving" | "saved" | "offline" | "restored"; at?: number };

/** Flattens react-hook-form's nested errors into summary entries linking to each field. */
export function summaryOf(errors: FieldErrors, prefix = ""): SummaryError[] {
  const out: SummaryError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "root") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && "message" in value && typeof value.message === "string") {
      out.push({ fieldId: fieldId(path), message: value.message });
    } else if (typeof value === "object") {
      out.push(...summaryOf(value as FieldErrors, path));
    }
  }
  return out;
}

/**
 * One wizard step's form: validation with the step's zod schema, saving to the server, autosave
 * of what is typed (to this device at once, to the server within seconds and when the page is
 * left), and the refusal of an outdated save shown rather than overwritten.
 */
export function useStepForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, options: StepFormOptions) {
  type Values = z.infer<S>;
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: options.initialValues as DefaultValues<Values>,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [autosave, setAutosave] = useState<AutosaveState>({ state: "idle" });
  const [attempt, setAttempt] = useState(0);
  const localPrefix = `homeward:draft:${options.userId}:`;
  const localKey = `${localPrefix}${options.episodeId}:${options.step}`;
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unsent = useRef(false);
  // The version the next save is based on; moves on after each save or a seen conflict.
  const versionRef = useRef(options.version);

  const draftUrl = `/api/episodes/${options.episodeId}/drafts/${options.step}`;
  const draftBody = useCallback(() => JSON.stringify({ baseVersion: versionRef.current, values: form.getValues() }), [form]);

  const sendDraft = useCallback(() => {
    if (!unsent.current) return inflight.current;
    unsent.current = false;
    setAutosave({ state: "saving" });
    const body = draftBody();
    // One draft request at a time, in order; a step save waits for them (see save below).
    inflight.current = inflight.current.then(async () => {
      try {
        const response = await fetch(draftUrl, { method: "PUT", headers: { "content-type": "application/json" }, body });
        if (!response.ok) throw new Error(String(response.status));
        setAutosave({ state: "saved", at: Date.now() });
      } catch {
        unsent.current = true;
        setAutosave({ state: "offline", at: Date.now() });
      }
    });
    return inflight.current;
  }, [draftUrl, draftBody]);

  // A copy on this device survives a reload, a closed laptop or a dropped connection.
  useEffect(() => {
    // Another person's copies on this device are not theirs to see.
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith("homeward:draft:") && !key.startsWith(localPrefix)) window.localStorage.removeItem(key);
    }
    const stored = window.localStorage.getItem(localKey);
    if (stored) {
      try {
        const copy = JSON.parse(stored) as { at: number; values: Values; baseVersion: number };
        if (copy.at > (options.serverDraftAt ?? 0)) {
          form.reset(copy.values);
          // Saved against the version it was typed on: a change saved since shows as a conflict.
          versionRef.current = copy.baseVersion;
          unsent.current = true;
          // Restoring from this device's storage happens once, after mount (storage is browser-only).
          // eslint-disable-next-line react-hooks/set-state-in-effect
          setAutosave({ state: "restored", at: copy.at });
          void sendDraft();
        } else {
          window.localStorage.removeItem(localKey);
        }
      } catch {
        window.localStorage.removeItem(localKey);
      }
    }
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: () => {
      window.localStorage.setItem(localKey, JSON.stringify({ at: Date.now(), values: form.getValues(), baseVersion: versionRef.current }));
      unsent.current = true;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void sendDraft(), AUTOSAVE_DELAY_MS);
      },
    });
    const leave = () => {
      if (unsent.current) {
        navigator.sendBeacon(draftUrl, new Blob([draftBody()], { type: "application/json" }));
        unsent.current = false;
      }
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    const online = () => void sendDraft();
    window.addEventListener("online", online);
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
    };
    // Set up once per step page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = async (values: Values) => {
      setFormError(null);
      if (timer.current) clearTimeout(timer.current);
      // A draft still on its way must land before the save, which then deletes it.
      unsent.current = false;
      await inflight.current;
      let response: Response;
      try {
        response = await fetch(`/api/episodes/${options.episodeId}/steps/${options.step}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ version: versionRef.current, values }),
        });
      } catch {
        setFormError("The answers could not be sent: check the connection and try again. What you typed is kept on this device.");
        setAttempt((n) => n + 1);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as {
        error?: string;
        code?: string;
        fieldErrors?: Record<string, string>;
        version?: number;
        current?: Record<string, unknown> | null;
        savedBy?: string | null;
      };
      if (response.ok) {
        unsent.current = false;
        window.localStorage.removeItem(localKey);
        versionRef.current = body.version ?? versionRef.current;
        router.push(options.nextHref);
        return;
      }
      if (response.status === 422 && body.fieldErrors) {
        for (const [path, message] of Object.entries(body.fieldErrors)) form.setError(path as Path<Values>, { type: "server", message });
      } else if (response.status === 409 && body.code === "STALE_VERSION") {
        setConflict({ message: body.error ?? "Someone else saved this step.", current: body.current ?? null, savedBy: body.savedBy ?? null });
        if (body.version) versionRef.current = body.version;
      } else if (response.status === 401) {
        setFormError("You have been signed out. What you typed is kept on this device: sign in again in a new tab, then save.");
      } else {
        setFormError(body.error ?? "The answers could not be saved. Try again.");
      }
      setAttempt((n) => n + 1);
  };
  const onSubmit = (event?: React.BaseSyntheticEvent) => form.handleSubmit(save, () => setAttempt((n) => n + 1))(event);

  const summary: SummaryError[] = [...summaryOf(form.formState.errors), ...(formError ? [{ message: formError }] : [])];
  /** What StepShell needs, spread into it by each step. */
  const shell = { summary, attempt, conflict, autosave, onSubmit, submitting: form.formState.isSubmitting };
  return { form, shell };
}
