import { z } from "zod";
import { LONG_TERM_ITEMS, SEARCH_ACTIVITY_KINDS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the search while the
 * child is missing. Ids, codes and whether it was late only: never the person contacted, the
 * outcome, the note or who a lead was given to.
 */
export const SEARCH_EVENTS = {
  "search.activity_recorded": {
    label: "Search activity recorded",
    details: z.object({ activityId: z.uuid(), kind: z.enum(codesOf(SEARCH_ACTIVITY_KINDS)), isLead: z.boolean() }).strict(),
  },
  "search.lead_passed": {
    label: "Lead recorded as passed to law enforcement",
    // corrected: a lead already recorded as passed was recorded again (its time or recipient corrected).
    details: z.object({ activityId: z.uuid(), late: z.boolean(), corrected: z.boolean() }).strict(),
  },
  "search.ncic_records_sent": {
    label: "Records for the NCIC update recorded as sent",
    details: z.object({ late: z.boolean(), corrected: z.boolean() }).strict(),
  },
  "search.long_term_item_done": {
    label: "Long-term missing checklist item done",
    details: z.object({ item: z.enum(codesOf(LONG_TERM_ITEMS)) }).strict(),
  },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
