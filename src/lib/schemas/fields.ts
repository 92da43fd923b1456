// zod/mini: the wizard's step schemas are built from these and run in the browser; the full zod
// there cost about 30 KB of gzipped JavaScript. The schemas in other files compose them as they are.
import * as z from "zod/mini";
import { parseCalendarDate } from "@/domain/zoned-time";

/**
 * Marks that steer or split text without showing themselves: bidirectional embeddings, overrides,
 * isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9) and zero-width characters (U+200B–D,
 * U+2060, U+FEFF). In a packet they could make a name or a place read other than it was typed.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
/** Half of a UTF-16 pair without the other half: no character at all, and PostgreSQL refuses it in JSON. */
const BROKEN = /\p{Cs}/u;
/** Control characters but tabs and line breaks; NUL among them, which PostgreSQL refuses in text. */
const HIDDEN_CONTROL = /(?![\t\n\r])\p{Cc}/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

const BROKEN_MESSAGE = "Part of this answer is a broken character (often from pasted text): retype it";
const CONTROL_MESSAGE = "Remove the hidden control character from this answer (it often comes with pasted text)";
const ONE_LINE_MESSAGE = "Keep this answer on one line, without tabs or hidden control characters";
const tooLong = (max: number) => `Use ${max} characters or fewer`;

/**
 * Text as a person typed it, the base of every text field (forms and server share it): invisible
 * marks are dropped, the ends trimmed, and broken or control characters refused. A multi-line
 * answer keeps its tabs and line breaks, written as "\n" whatever the sender used.
 */
export const plainText = (message?: string, { multiline = false } = {}) => {
  const text = z.string(message).check(
    z.refine((value) => !BROKEN.test(value), BROKEN_MESSAGE),
    z.overwrite((value) => {
      const visible = value.replace(INVISIBLE, "");
      return multiline ? visible.replace(/\r\n?/g, "\n") : visible;
    }),
    z.trim(),
    z.refine((value) => !HIDDEN_CONTROL.test(value), CONTROL_MESSAGE),
  );
  return multiline ? text : text.check(z.refine((value) => !LINE_BREAK_OR_TAB.test(value), ONE_LINE_MESSAGE));
};

/** Field builders shared by the step schemas, with messages in a caseworker's words. */
export const requiredText = (message: string, max = 200) => plainText(message).check(z.minLength(1, message), z.maxLength(max, tooLong(max)));

export const optionalText = (max = 200) => plainText().check(z.maxLength(max, tooLong(max)));

/** A multi-line answer (a textarea); `null` for an optional one. */
export const longText = (message: string | null, max = 4000) => {
  const text = plainText(message ?? undefined, { multiline: true });
  return message ? text.check(z.minLength(1, message), z.maxLength(max, tooLong(max))) : text.check(z.maxLength(max, tooLong(max)));
};

/** "YYYY-MM-DDTHH:mm" as an `<input type="datetime-local">` gives it, in the agency's time zone. */
export const wallTime = (message: string) => z.string(message).check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message));

/** A wall time that may be left empty (not known); forms saved before the field existed read as empty. */
export const optionalWallTime = (message: string) => z._default(z.union([z.literal(""), wallTime(message)]), "");

export const calendarDate = (message: string) =>
  z.string(message).check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, message),
    // The domain's reading of a calendar date, so what passes here passes every rule (no year 0).
    z.refine((value) => parseCalendarDate(value) !== null, message),
  );

export const yesNoUnknown = (message: string) => z.enum(["yes", "no", "unknown"], message);

/** Whole numbers typed into a text box; empty means not known. */
export const optionalWholeNumber = (label: string, min: number, max: number) =>
  plainText().check(
    z.refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `Enter ${label} as a whole number from ${min} to ${max}, or leave it empty`,
    }),
  );

const PHONE_NUMBER = /^[0-9+()\-.\s]*(?:(?:ext\.?|x)\s*\d+)?$/i;
const PHONE_MESSAGE = "Enter a phone number using digits, spaces, dashes, brackets or a + sign";

export const phoneNumber = (message: string) => plainText(message).check(z.minLength(1, message), z.maxLength(40, tooLong(40)), z.regex(PHONE_NUMBER, PHONE_MESSAGE));

export const optionalPhoneNumber = () => plainText().check(z.maxLength(40, tooLong(40)), z.regex(PHONE_NUMBER, PHONE_MESSAGE));

const EMAIL_ADDRESS = z.email();
const isEmailAddress = (value: string) => EMAIL_ADDRESS.safeParse(value).success;

export const emailAddress = (message: string) => plainText(message).check(z.maxLength(254, tooLong(254)), z.refine(isEmailAddress, message));

/** An email address or nothing. */
export const optionalEmailAddress = (message: string) =>
  plainText().check(
    z.maxLength(254, tooLong(254)),
    z.refine((value) => value === "" || isEmailAddress(value), message),
  );

/** Adds an issue for `path` when `condition` holds (conditional requirements inside superRefine). */
export function requireWhen(ctx: z.core.$RefinementCtx, condition: boolean, path: (string | number)[], message: string) {
  if (condition) ctx.addIssue({ code: "custom", path, message });
}

const STALE_PAGE = "This page is out of date: reload it, then try again.";

/** The version of a record as the page showed it (a PostgreSQL integer): a change from an older page is refused. */
export const pageVersion = z.int(STALE_PAGE).check(z.gte(1, STALE_PAGE), z.lte(2_147_483_647, STALE_PAGE));
