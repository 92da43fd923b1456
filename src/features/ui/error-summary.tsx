"use client";

import { useEffect, useId, useRef } from "react";

export type SummaryError = { fieldId?: string; message: string };

/**
 * The list of problems at the top of a form. It takes focus when it appears, so keyboard and
 * screen-reader users hear what went wrong; each entry links to its field.
 */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Unique on the page: the case page holds several forms, each with its own summary.
  const titleId = useId();
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className="mb-6 rounded border-2 border-red-700 bg-white p-4"
    >
      <h2 id={titleId} className="text-lg font-bold text-red-800">
        {title}
      </h2>
      <ul className="mt-2 list-disc pl-5">
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            {error.fieldId ? (
              <a href={`#${error.fieldId}`} className="text-red-800 underline">
                {error.message}
              </a>
            ) : (
              <span className="text-red-800">{error.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
