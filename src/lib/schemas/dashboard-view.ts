// Read in the browser at each refresh: plain shape checks, not zod (src/lib/json-shape.ts).
import { arrayOf, integer, nullable, object, oneOf, string, type ShapeOf } from "@/lib/json-shape";
import { URGENCIES } from "@/domain/dashboard";

/**
 * The dashboard as the browser shows it: every word and time already written on the server (the
 * agency's time zone, the time left as of the moment it was read), so that the first render and
 * each refresh show the same thing. The refresh's answer is parsed with this shape before use.
 */
export const isDashboardView = object({
  /** The query string of the filters applied: what the refresh asks for again. */
  search: string,
  counts: object({ open: integer, overdue: integer, dueSoon: integer }),
  page: integer,
  pageCount: integer,
  /** "2:32 PM EST": when the list was read, on the agency's clock. */
  readAt: string,
  groups: arrayOf(
    object({
      urgency: oneOf(URGENCIES),
      heading: string,
      rows: arrayOf(
        object({
          episodeId: string,
          childName: string,
          /** Whole years when last seen, once known. */
          age: nullable(integer),
          caseworkerName: string,
          stage: string,
          /** The earliest running clock in words: "Overdue by 6 h", "1 h 20 min left", "No clock running". */
          status: string,
          clocks: arrayOf(object({ key: string, title: string, deadline: string, timeLeft: string, urgency: oneOf(URGENCIES) })),
          flags: arrayOf(string),
        }),
      ),
    }),
  ),
});
export type TDashboardView = ShapeOf<typeof isDashboardView>;
