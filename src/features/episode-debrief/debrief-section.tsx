import type { CaseSectionProps } from "@/features/cases/case-section";

/** The return debrief, the trafficking screen, the determination and the trafficking report. */
export function DebriefSection(props: CaseSectionProps) {
  void props;
  return null;
}
