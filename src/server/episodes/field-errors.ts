import "server-only";
import { safeParse, type z } from "zod";
import type { RuleViolation } from "@/domain/reporting-rules";
import { BadRequestError, ValidationError, type FieldErrors } from "@/server/use-case-errors";

/** zod's issues as one message per field path ("medical.details"); unknown fields are tampering. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  if (error.issues.some((issue) => issue.code === "unrecognized_keys")) {
    throw new BadRequestError("The form sent a field it does not have.");
  }
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Parses a form with its schema (the full zod's or a zod/mini one shared with the browser). */
export function parseStep<T extends z.core.$ZodType>(schema: T, values: unknown): z.output<T> {
  const parsed = safeParse(schema, values);
  if (!parsed.success) throw new ValidationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

export function throwViolations(violations: RuleViolation[]): void {
  if (violations.length === 0) return;
  const errors: FieldErrors = {};
  for (const violation of violations) errors[violation.field] ??= violation.message;
  throw new ValidationError(errors);
}
