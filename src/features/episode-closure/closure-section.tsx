import type { CaseSectionProps } from "@/features/cases/case-section";

/** Asking for sign-off, the supervisor's decision, reopening and voiding. */
export function ClosureSection(props: CaseSectionProps) {
  void props;
  return null;
}
