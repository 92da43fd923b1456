import type { CaseSectionProps } from "@/features/cases/case-section";

/** The search while the child is missing: the search log, leads, the NCIC update's records and the long-term checklist. */
export function SearchSection(props: CaseSectionProps) {
  void props;
  return null;
}
