import type { StepFormOptions } from "./use-step-form";

/** An ISO instant and the hours it was counted with, from the episode's clock. */
export type StepDeadline = { at: string; hours: number };

export type StepProps = {
  options: StepFormOptions;
  title: string;
  backHref: string | null;
  /** The agency's IANA time zone, for dates and times typed into the form. */
  timeZone: string;
  /** The deadline of this step's own clock (law enforcement's, NCMEC's), once the missing event is saved. */
  deadline: StepDeadline | null;
  /** Shown above the fields when the values came from the child's previous episode. */
  prefilledFromPrevious: boolean;
};
