import type { FieldErrors } from "react-hook-form";
import { fieldId } from "@/features/ui/fields";
import type { SummaryError } from "@/features/ui/error-summary";

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
