import { z } from "zod";
import { END_REASONS } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the recovery and an
 * ending without recovery. (The return and cancellation notices are recorded as notices:
 * notice.sent_recorded and notice.not_applicable, with their event.) Details are codes and booleans.
 */
export const RECOVERY_EVENTS = {
  "recovery.recorded": {
    label: "Recovery recorded",
    details: z.object({ located: z.boolean(), recovered: z.boolean(), outOfState: z.boolean() }).strict(),
  },
  "episode.ended_without_recovery": {
    label: "Episode ended without a recovery",
    details: z.object({ reason: z.enum(codesOf(END_REASONS)) }).strict(),
  },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
