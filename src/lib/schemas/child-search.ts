import { z } from "zod";
import { calendarDate, optionalText } from "./fields";

/** Finding a child of the agency: at least one of name, date of birth or case number. */
export const ZChildSearchSchema = z
  .object({
    name: optionalText(100),
    dateOfBirth: z.union([z.literal(""), calendarDate("Enter the date of birth as a full date")]),
    agencyCaseNumber: optionalText(60),
  })
  .strict()
  .refine((terms) => terms.name || terms.dateOfBirth || terms.agencyCaseNumber, {
    path: ["name"],
    message: "Enter a name, a date of birth or a case number to search for",
  });
export type TChildSearch = z.infer<typeof ZChildSearchSchema>;

export const ZChildSearchResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  agencyCaseNumber: z.string(),
  openEpisodeId: z.string().nullable(),
  episodeCount: z.number(),
});
export type TChildSearchResult = z.infer<typeof ZChildSearchResultSchema>;

/** The search's answer: at most 25 of the agency's children. */
export const ZChildSearchAnswerSchema = z.object({ children: z.array(ZChildSearchResultSchema) });
export type TChildSearchAnswer = z.infer<typeof ZChildSearchAnswerSchema>;
