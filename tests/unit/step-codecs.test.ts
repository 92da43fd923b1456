import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { FORM_STEP_KEYS, type FormStepKey } from "@/domain/steps";
import { EMPTY_STEP_VALUES, STEP_SCHEMAS, stepFieldNames } from "@/lib/schemas/episode-steps";
import { answersOf, formValuesOf } from "@/lib/step-codecs";
import { stepSummary } from "@/lib/step-summary";
import { completeSteps } from "../fixtures/episode-steps";
import { completeFacts } from "../fixtures/episode-facts";

const TZ = "America/New_York";
const FACT_OF = { child: "child", "missing-event": "missingEvent", description: "description", risks: "risks", contacts: "contacts", "law-enforcement": "lawEnforcement", guardian: "guardian", ncmec: "ncmec" } as const;
const now = new Date("2026-11-22T12:00:00Z");

/** Paths of every leaf value in a form ("abductor.name", "marks.0.kind"). */
function leaves(value: unknown, path = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === "object" && !(Array.isArray(value) && value.every((item) => typeof item === "string"))) {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
  } else out.set(path, value);
  return out;
}

/** The form fields whose value does not come back the same after form → answers → form. */
function lostFields(step: FormStepKey, form: Record<string, unknown>, schema: { parse(value: unknown): unknown } = STEP_SCHEMAS[step]): string[] {
  const decoded = answersOf(step, schema.parse(form) as never, TZ);
  if (!decoded.ok) return Object.keys(decoded.problems);
  const back = leaves(formValuesOf(step, decoded.answers as never, TZ));
  return [...leaves(form)].filter(([path, value]) => JSON.stringify(back.get(path)) !== JSON.stringify(value)).map(([path]) => path);
}

describe("each step's fields are declared once, in its schema", () => {
  const forms = completeSteps(now);
  forms.contacts = { ...forms.contacts, abductorKnown: "yes", abductor: { name: "Drew", description: "Tall", phone: "555-1", driversLicense: "D1", vehicle: "Van" } };
  forms.guardian = { ...forms.guardian, guardianSameAsReporter: "no", guardianName: "Pat", guardianAgency: "Legal", guardianPhones: "555-2", guardianEmail: "pat@example.org" };

  it.each(FORM_STEP_KEYS)("%s: the empty form, the draft allow-list and the fixture name exactly the schema's fields", (step) => {
    const fields = Object.keys(STEP_SCHEMAS[step].shape).sort();
    expect(Object.keys(EMPTY_STEP_VALUES[step]).sort()).toEqual(fields);
    expect(stepFieldNames(step).sort()).toEqual(fields);
    expect(Object.keys(forms[step]).sort()).toEqual(fields);
  });

  it.each(FORM_STEP_KEYS)("%s: every field survives form → domain answers → form", (step) => {
    expect(lostFields(step, forms[step])).toEqual([]);
  });

  it("notices a field the mapping does not carry", () => {
    // What a field added to a schema but not to its step's codec looks like.
    const schema = z.extend(STEP_SCHEMAS.description, { favouriteColour: STEP_SCHEMAS.description.shape.otherFeatures });
    const form = { ...forms.description, favouriteColour: "green" };
    expect(schema.parse(form)).toMatchObject({ favouriteColour: "green" });
    expect(lostFields("description", form, schema)).toEqual(["favouriteColour"]);
  });

  it.each(FORM_STEP_KEYS)("%s: the summary shows every answer typed, in words", (step) => {
    const decoded = answersOf(step, STEP_SCHEMAS[step].parse(forms[step]) as never, TZ);
    if (!decoded.ok) throw new Error(step);
    const base = completeFacts(now);
    const facts = step === "child" ? { ...base, child: { ...base.child, ...decoded.answers } } : { ...base, [FACT_OF[step]]: decoded.answers };
    const rows = stepSummary(step, facts)!;
    const text = rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    const typed = [...leaves(forms[step])].filter(([path, value]) => typeof value === "string" && value.length > 2 && !/^(yes|no|unknown)$/.test(value) && !/At$/.test(path) && !["sex", "races", "ethnicity", "legalStatus", "hairColor", "eyeColor", "skinTone", "eyewear", "outcome", "method", "kind"].some((code) => path.endsWith(code)));
    const fromFixture = typed.flatMap(([, value]) => String(value).split("\n"));
    expect(fromFixture.filter((value) => !text.includes(value))).toEqual([]);
    // Codes are shown as words.
    expect(text).not.toMatch(/\b(hispanic|temporary-custody|CALL_CENTER|REPORTED|tattoo)\b/);
  });
});
