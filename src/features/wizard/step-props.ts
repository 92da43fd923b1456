import type { StepFormOptions } from "./use-step-form";

export type StepProps = {
  options: StepFormOptions;
  title: string;
  backHref: string | null;
  /** The agency's IANA time zone, for dates and times typed into the form. */
  timeZone: string;
  /** ISO instant the clock started, when the missing event is saved. */
  discoveredAt: string | null;
  /** Shown above the fields when the values came from the child's previous episode. */
  prefilledFromPrevious: boolean;
};
