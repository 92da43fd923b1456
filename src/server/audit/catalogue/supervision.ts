import { z } from "zod";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): supervisors' review of a
 * report and reassignment of an episode ("episode.reassigned" is the admins' event, in people.ts,
 * shared so that the trail says one thing for one change). A comment is words a person typed: the
 * details say only whether there was one. Refusals are "episode.change_refused".
 */
export const SUPERVISION_EVENTS = {
  "review.requested": {
    label: "Asked for a supervisor's review of the report",
    // automatic: asked by submitting the report; again: a review was asked for before.
    details: z.object({ automatic: z.boolean(), again: z.boolean(), comment: z.boolean(), notified: z.int().min(0) }).strict(),
  },
  "review.approved": { label: "Report approved after review", details: z.object({ comment: z.boolean() }).strict() },
  "review.returned": { label: "Report returned with a comment", details: z.object({}).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
