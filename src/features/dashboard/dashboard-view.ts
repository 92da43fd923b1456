import { z } from "zod";
import { URGENCIES } from "@/domain/dashboard";

/**
 * The dashboard as the browser shows it: every word and time already written on the server (the
 * agency's time zone, the time left as of the moment it was read), so that the first render and
 * each refresh show the same thing. The refresh's answer is parsed with this schema before use.
 */
export const ZDashboardViewSchema = z.object({
  /** The query string of the filters applied: what the refresh asks for again. */
  search: z.string(),
  counts: z.object({ open: z.int(), overdue: z.int(), dueSoon: z.int() }),
  page: z.int(),
  pageCount: z.int(),
  /** "2:32 PM EST": when the list was read, on the agency's clock. */
  readAt: z.string(),
  groups: z.array(
    z.object({
      urgency: z.enum(URGENCIES),
      heading: z.string(),
      rows: z.array(
        z.object({
          episodeId: z.string(),
          childName: z.string(),
          /** Whole years when last seen, once known. */
          age: z.int().nullable(),
          caseworkerName: z.string(),
          stage: z.string(),
          /** The earliest running clock in words: "Overdue by 6 h", "1 h 20 min left", "No clock running". */
          status: z.string(),
          clocks: z.array(z.object({ key: z.string(), title: z.string(), deadline: z.string(), timeLeft: z.string(), urgency: z.enum(URGENCIES) })),
          flags: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type TDashboardView = z.infer<typeof ZDashboardViewSchema>;
