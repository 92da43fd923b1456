import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { emailAddress, longText, optionalEmailAddress, optionalPhoneNumber, optionalText, phoneNumber, plainText, requiredText } from "@/lib/schemas/fields";
import { ZNewChildSchema } from "@/lib/schemas/start-report";
import { ZChildSearchSchema } from "@/lib/schemas/child-search";
import { ZSignInSchema } from "@/lib/schemas/sign-in";
import { ZPhotoUploadSchema } from "@/lib/schemas/photo-upload";
import { STEP_SCHEMAS } from "@/lib/schemas/episode-steps";
import { completeSteps } from "../fixtures/episode-steps";

/** The value a schema keeps, or the first message it gives. */
function outcome(schema: z.core.$ZodType, value: unknown): { kept: unknown } | { message: string } {
  const parsed = z.safeParse(schema, value);
  return parsed.success ? { kept: parsed.data } : { message: parsed.error.issues[0]!.message };
}

const ONE_LINE = {
  required: requiredText("Enter the child's first name", 100),
  optional: optionalText(100),
  "one-line base": plainText(),
  phone: phoneNumber("Enter the phone number"),
  "optional phone": optionalPhoneNumber(),
  email: emailAddress("Enter an email address like name@agency.gov"),
  "optional email": optionalEmailAddress("Enter an email address like name@agency.gov"),
};
const MULTI_LINE = { "required long": longText("Describe the circumstances"), "optional long": longText(null) };
const EVERY_BUILDER = { ...ONE_LINE, ...MULTI_LINE };

/** A value each builder accepts, to put the character under test into. */
const SAMPLE: Record<keyof typeof EVERY_BUILDER, [string, string]> = {
  required: ["Jor", "dan"],
  optional: ["Jor", "dan"],
  "one-line base": ["Jor", "dan"],
  phone: ["555-201", "-3344"],
  "optional phone": ["555-201", "-3344"],
  email: ["casey@demo", ".example.org"],
  "optional email": ["casey@demo", ".example.org"],
  "required long": ["Left after", " dinner"],
  "optional long": ["Left after", " dinner"],
};
const joined = (name: keyof typeof EVERY_BUILDER, middle = "") => SAMPLE[name].join(middle);

describe("text that cannot be stored or that hides what it says", () => {
  it.each(Object.entries(EVERY_BUILDER))("%s: refuses a NUL or any other control character, naming it", (name, schema) => {
    const key = name as keyof typeof EVERY_BUILDER;
    for (const control of ["\u0000", "\u0001", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B"]) {
      expect(outcome(schema, joined(key, control)), JSON.stringify(control)).toEqual({ message: expect.stringMatching(/control character/) });
    }
  });

  it.each(Object.entries(EVERY_BUILDER))("%s: refuses a lone surrogate, which is no character at all", (name, schema) => {
    const key = name as keyof typeof EVERY_BUILDER;
    for (const broken of ["\uD800", "\uDFFF", "\uDBFF\u0041"]) {
      expect(outcome(schema, joined(key, broken)), JSON.stringify(broken)).toEqual({ message: expect.stringMatching(/broken character/) });
    }
  });

  it.each(Object.entries(EVERY_BUILDER))("%s: silently drops bidirectional controls and zero-width characters", (name, schema) => {
    const key = name as keyof typeof EVERY_BUILDER;
    const invisible = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];
    for (const mark of invisible) {
      expect(outcome(schema, joined(key, mark)), JSON.stringify(mark)).toEqual({ kept: joined(key) });
      expect(outcome(schema, `${mark}${joined(key)}${mark}`), JSON.stringify(mark)).toEqual({ kept: joined(key) });
    }
    expect(outcome(schema, `${invisible.join("")}${joined(key)}`)).toEqual({ kept: joined(key) });
  });

  it.each(Object.entries(ONE_LINE))("%s: refuses a tab or a line break in a one-line answer", (name, schema) => {
    const key = name as keyof typeof ONE_LINE;
    for (const space of ["\t", "\n", "\r", "\r\n", "\u000B", "\u000C"]) {
      expect(outcome(schema, joined(key, space)), JSON.stringify(space)).toEqual({ message: expect.stringMatching(/tab|line break|control character/) });
    }
  });

  it.each(Object.entries(MULTI_LINE))("%s: keeps tabs and line breaks, written as \\n whatever the sender used", (_name, schema) => {
    expect(outcome(schema, "Left after dinner.\n\tNo phone.\r\nBlue bag.\rCurfew 9")).toEqual({ kept: "Left after dinner.\n\tNo phone.\nBlue bag.\nCurfew 9" });
  });

  it("keeps every real character: accents, other scripts, emoji, right-to-left names", () => {
    for (const name of ["José Ñúñez", "Zoë O'Brien-Smith", "محمد", "דוד", "李小龍", "Kai 🌊", "Ana\u00A0María"]) {
      expect(outcome(requiredText("Enter the child's first name"), name)).toEqual({ kept: name });
    }
  });

  it("counts the length after dropping invisible characters, and a field of only invisible characters is empty", () => {
    expect(outcome(requiredText("Enter the child's first name", 3), "\u200BAna\u200B\u202E")).toEqual({ kept: "Ana" });
    expect(outcome(requiredText("Enter the child's first name"), "\u200B\u202E \uFEFF")).toEqual({ message: "Enter the child's first name" });
    expect(outcome(optionalText(), "\u2066\u2069")).toEqual({ kept: "" });
  });

  it("tells a person what to do in plain words", () => {
    expect(outcome(requiredText("Enter the child's first name"), "Jor\u0000dan")).toEqual({ message: "Remove the hidden control character from this answer (it often comes with pasted text)" });
    expect(outcome(requiredText("Enter the child's first name"), "Jor\tdan")).toEqual({ message: "Keep this answer on one line, without tabs or hidden control characters" });
    expect(outcome(longText(null), "Left\u0000")).toEqual({ message: "Remove the hidden control character from this answer (it often comes with pasted text)" });
    expect(outcome(longText(null), "Left\uD800")).toEqual({ message: "Part of this answer is a broken character (often from pasted text): retype it" });
  });
});

describe("every text field of every form goes through the builders", () => {
  it("start a report: refuses a NUL, drops a bidirectional override", () => {
    const child = { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-2026-0412", underAgencyGuardianship: "yes" };
    expect(ZNewChildSchema.safeParse({ ...child, agencyCaseNumber: "DC\u0000" }).success).toBe(false);
    expect(ZNewChildSchema.parse({ ...child, lastName: "\u202ERivera" }).lastName).toBe("Rivera");
  });

  it("child search: refuses a NUL or a broken character, drops zero-width characters", () => {
    const terms = { name: "", dateOfBirth: "", agencyCaseNumber: "" };
    expect(ZChildSearchSchema.safeParse({ ...terms, name: "Jordan\u0000" }).success).toBe(false);
    expect(ZChildSearchSchema.safeParse({ ...terms, agencyCaseNumber: "DC\uD800" }).success).toBe(false);
    expect(ZChildSearchSchema.parse({ ...terms, name: "Jor\u200Bdan" }).name).toBe("Jordan");
    // A search of only invisible characters searches for nothing.
    expect(ZChildSearchSchema.safeParse({ ...terms, name: "\u200B" }).success).toBe(false);
  });

  it("sign-in: the email is cleaned like every other field and still lower-cased", () => {
    expect(ZSignInSchema.parse({ email: " \u200BCasey@Demo.Example.org\uFEFF", password: "x" }).email).toBe("casey@demo.example.org");
    expect(ZSignInSchema.safeParse({ email: "casey@demo.example.org\u0000", password: "x" }).success).toBe(false);
    expect(ZSignInSchema.safeParse({ email: "", password: "x" })).toMatchObject({ success: false, error: { issues: [{ message: "Enter your email address" }] } });
  });

  it("photo upload: refuses a NUL or a broken character in its fields", () => {
    expect(ZPhotoUploadSchema.safeParse({ takenOn: "2026-10-01\u0000", attest: "yes" }).success).toBe(false);
    expect(ZPhotoUploadSchema.safeParse({ takenOn: "2026-10-01", attest: "yes\uD800" }).success).toBe(false);
  });

  it("wizard steps: no text field is a bare string; each refuses a NUL and drops a zero-width space", () => {
    const steps = completeSteps(new Date("2026-11-22T12:00:00Z"));
    const problems: string[] = [];
    for (const [step, schema] of Object.entries(STEP_SCHEMAS)) {
      const values = steps[step as keyof typeof steps] as Record<string, unknown>;
      for (const [field, value] of Object.entries(values)) {
        if (typeof value !== "string" || value === "" || /^\d{4}-\d{2}-\d{2}/.test(value) || !/[a-z]{2}/i.test(value)) continue;
        const withNul = schema.safeParse({ ...values, [field]: `${value}\u0000` });
        if (withNul.success) problems.push(`${step}.${field} accepts a NUL`);
        const withMark = schema.safeParse({ ...values, [field]: `${value}\u200B` });
        if (withMark.success && (withMark.data as Record<string, unknown>)[field] !== value) problems.push(`${step}.${field} keeps a zero-width space`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("wizard steps: the multi-line answers keep their line breaks, the one-line answers refuse them", () => {
    const steps = completeSteps(new Date("2026-11-22T12:00:00Z"));
    const multiLine = STEP_SCHEMAS["missing-event"].safeParse({ ...steps["missing-event"], circumstances: "Left after dinner.\nDid not return." });
    expect(multiLine.success).toBe(true);
    const risks = STEP_SCHEMAS.risks.safeParse({ ...steps.risks, medical: { present: "yes", details: "Asthma.\nInhaler in bag." } });
    expect(risks.success).toBe(true);
    const oneLine = STEP_SCHEMAS["law-enforcement"].safeParse({ ...steps["law-enforcement"], caseNumber: "SPD-26\n118" });
    expect(oneLine.success).toBe(false);
  });

  it("guardian step: the emails go through the email builders", () => {
    const guardian = completeSteps(new Date("2026-11-22T12:00:00Z")).guardian;
    expect(STEP_SCHEMAS.guardian.parse({ ...guardian, reporterEmail: "\u202Ecaseworker@demo.example.org" }).reporterEmail).toBe("caseworker@demo.example.org");
    expect(STEP_SCHEMAS.guardian.safeParse({ ...guardian, guardianEmail: "guardian@demo.example.org\u0000" }).success).toBe(false);
    expect(STEP_SCHEMAS.guardian.safeParse({ ...guardian, guardianEmail: "not an email" })).toMatchObject({ success: false, error: { issues: [{ path: ["guardianEmail"], message: "Enter an email address like name@agency.gov" }] } });
    expect(STEP_SCHEMAS.guardian.parse({ ...guardian, guardianEmail: "" }).guardianEmail).toBe("");
  });
});

describe("calendar dates", () => {
  it("refuses a day the domain cannot read, year 0 among them, with the field's message", async () => {
    const { calendarDate } = await import("@/lib/schemas/fields");
    const field = calendarDate("Enter the child's date of birth");
    expect(field.safeParse("2011-05-14").success).toBe(true);
    for (const bad of ["0000-01-01", "2026-02-30", "2026-13-01"]) {
      const parsed = field.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("Enter the child's date of birth");
    }
  });
});
