"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { TextAreaField } from "@/features/ui/fields";

/** Shown when a report time is past the 24-hour deadline: the law wants a reason kept with it. */
export function LateReasonField({ label, error, register }: { label: string; error?: string; register: UseFormRegisterReturn<"lateReason"> }) {
  return (
    <TextAreaField
      id="lateReason"
      label={label}
      hint="A report made more than 24 hours after the agency learned the child was missing needs a reason."
      rows={3}
      error={error}
      {...register}
    />
  );
}
