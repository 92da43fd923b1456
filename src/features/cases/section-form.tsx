"use client";

import { useCaseAction } from "./case-action";
import { ErrorSummary } from "@/features/ui/error-summary";
import { focusSection } from "@/features/ui/focus-section";

/**
 * One form of a case page section (the closure, the review): its posting with the page's version,
 * its field ids (`prefix-field`) and its error summary. A form that succeeds is usually gone after
 * the refresh: focus then moves to the section's heading (`headingId`).
 */
export function useSectionForm(version: number, prefix: string, title: string, headingId: string) {
  const action = useCaseAction(version);
  async function send(path: string, body: Record<string, unknown>, saved?: string) {
    const ok = await action.send(path, body, saved);
    if (ok) focusSection(headingId);
    return ok;
  }
  const id = (field: string) => `${prefix}-${field}`;
  const summaryOf = (fieldErrors: Record<string, string>) => (
    <ErrorSummary errors={[...Object.entries(fieldErrors).map(([field, message]) => ({ fieldId: id(field), message })), ...(action.failure ? [{ message: action.failure }] : [])]} title={title} />
  );
  return { ...action, send, id, summary: summaryOf(action.fieldErrors), summaryOf };
}
