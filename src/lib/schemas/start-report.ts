import { z } from "zod";
import { calendarDate, requiredText } from "./fields";

/** Starting a report: for a child the agency already has, or for a new one. */
export const ZNewChildSchema = z
  .object({
    firstName: requiredText("Enter the child's first name", 100),
    lastName: requiredText("Enter the child's last name", 100),
    dateOfBirth: calendarDate("Enter the child's date of birth"),
    agencyCaseNumber: requiredText("Enter the agency's case number for this child", 60),
    underAgencyGuardianship: z.enum(["yes", "no"], "Say whether the agency is the child's legal guardian"),
  })
  .strict();
export type TNewChild = z.infer<typeof ZNewChildSchema>;
