/** Plain words for the answers the wizard stores as codes, shared by summaries and the packet. */
export const ANSWER_LABELS: Record<string, string> = { yes: "Yes", no: "No", unknown: "Not known" };

export const EYEWEAR_OPTIONS = [
  { code: "none", label: "Neither" },
  { code: "glasses", label: "Glasses" },
  { code: "contacts", label: "Contact lenses" },
  { code: "both", label: "Both" },
  { code: "unknown", label: "Not known" },
] as const;

export const eyewearLabel = (code: string) => EYEWEAR_OPTIONS.find((o) => o.code === code)?.label ?? null;

/** A person's full name from its parts, skipping the empty ones. */
export function fullName(person: { firstName: string; middleName?: string | null; lastName: string }): string {
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(" ");
}
