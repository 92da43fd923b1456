import type { CaseSectionProps } from "@/features/cases/case-section";

/** Located and recovered, the return notices, and an ending without a recovery. */
export function ReturnSection(props: CaseSectionProps) {
  void props;
  return null;
}
