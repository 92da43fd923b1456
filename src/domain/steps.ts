/** The report's steps, in the order the law and NCMEC ask for them. */
export const STEPS = [
  { key: "child", title: "Child" },
  { key: "missing-event", title: "Missing event" },
  { key: "description", title: "Description" },
  { key: "risks", title: "Risks" },
  { key: "contacts", title: "Contacts" },
  { key: "law-enforcement", title: "Law enforcement" },
  { key: "guardian", title: "Guardian and reporting party" },
  { key: "ncmec", title: "NCMEC" },
  { key: "review", title: "Check your answers" },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export type FormStepKey = Exclude<StepKey, "review">;
export const STEP_KEYS: readonly StepKey[] = STEPS.map((s) => s.key);
export const FORM_STEP_KEYS: readonly FormStepKey[] = STEP_KEYS.filter((k): k is FormStepKey => k !== "review");

/** Every step but NCMEC's: what a final packet needs saved (the NCMEC step records its outcome). */
export const PACKET_STEP_KEYS: readonly FormStepKey[] = FORM_STEP_KEYS.filter((k) => k !== "ncmec");

export function isStepKey(value: string): value is StepKey {
  return STEP_KEYS.some((key) => key === value);
}

export function isFormStepKey(value: string): value is FormStepKey {
  return FORM_STEP_KEYS.some((key) => key === value);
}

export function stepTitle(key: StepKey): string {
  return STEPS.find((s) => s.key === key)?.title ?? key;
}

export function stepNumber(key: StepKey): number {
  return STEP_KEYS.indexOf(key) + 1;
}
