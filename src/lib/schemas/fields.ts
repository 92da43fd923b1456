import { z } from "zod";
import { dateColumnOf } from "@/domain/zoned-time";

/** Field builders shared by the step schemas, with messages in a caseworker's words. */
export const requiredText = (message: string, max = 200) =>
  z.string(message).trim().min(1, message).max(max, `Use ${max} characters or fewer`);

export const optionalText = (max = 200) => z.string().trim().max(max, `Use ${max} characters or fewer`);

export const longText = (message: string | null, max = 4000) =>
  message ? requiredText(message, max) : optionalText(max);

/** "YYYY-MM-DDTHH:mm" as an `<input type="datetime-local">` gives it, in the agency's time zone. */
export const wallTime = (message: string) =>
  z.string(message).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

export const calendarDate = (message: string) =>
  z
    .string(message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const date = dateColumnOf(value);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, message);

export const yesNoUnknown = (message: string) => z.enum(["yes", "no", "unknown"], message);

/** Whole numbers typed into a text box; empty means not known. */
export const optionalWholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `Enter ${label} as a whole number from ${min} to ${max}, or leave it empty`,
    });

export const phoneNumber = (message: string) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(40, "Use 40 characters or fewer")
    .regex(/^[0-9+()\-.\s]*(?:(?:ext\.?|x)\s*\d+)?$/i, "Enter a phone number using digits, spaces, dashes, brackets or a + sign");

export const optionalPhoneNumber = () =>
  z
    .string()
    .trim()
    .max(40, "Use 40 characters or fewer")
    .regex(/^[0-9+()\-.\s]*(?:(?:ext\.?|x)\s*\d+)?$/i, "Enter a phone number using digits, spaces, dashes, brackets or a + sign");

/** Adds an issue for `path` when `condition` holds (conditional requirements inside superRefine). */
export function requireWhen(ctx: z.RefinementCtx, condition: boolean, path: (string | number)[], message: string) {
  if (condition) ctx.addIssue({ code: "custom", path, message });
}
