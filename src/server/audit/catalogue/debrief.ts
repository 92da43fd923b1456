import { z } from "zod";
import { DEBRIEF_ATTEMPT_RESULTS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the return debrief, the
 * trafficking screen, determination and report. Details never carry what was found or said: which
 * sections changed, ids, whether a report was late; never a finding, a screen's result or a word typed.
 */
const none = z.object({}).strict();

export const DEBRIEF_EVENTS = {
  "debrief.saved": {
    label: "Return debrief saved",
    details: z.object({ sections: z.array(z.enum(["interview", "factors", "experiences"])) }).strict(),
  },
  "debrief.attempt_recorded": { label: "Debrief attempt recorded", details: z.object({ attemptId: z.uuid(), result: z.enum(codesOf(DEBRIEF_ATTEMPT_RESULTS)) }).strict() },
  "debrief.accepted_without_interview": { label: "Debrief accepted without an interview", details: none },
  "debrief.completed": { label: "Return debrief marked complete", details: none },
  "debrief.ran_again_recorded": { label: "Debrief recorded as not held: the child ran again", details: z.object({ newerEpisodeId: z.uuid() }).strict() },
  "trafficking.screen_recorded": { label: "Trafficking screen recorded", details: z.object({ screenId: z.uuid() }).strict() },
  "trafficking.determination_recorded": { label: "Trafficking determination recorded", details: none },
  "trafficking.report_recorded": { label: "Trafficking report to law enforcement recorded", details: z.object({ late: z.boolean() }).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
