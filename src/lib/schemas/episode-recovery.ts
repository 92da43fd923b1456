import { z } from "zod";
import { END_REASONS, RECOVERED_BY, RECOVERY_PLACE_KINDS, US_STATES } from "@/domain/code-sets";
import { codesOf } from "@/domain/ncic-codes";
import { longText, optionalText, optionalWallTime, pageVersion, wallTime } from "./fields";
import { ZMarkSchema } from "./episode-steps";

/** A code chosen from a list, or "" when none is chosen. */
const optionalCode = <T extends [string, ...string[]]>(codes: T, message: string) => z.union([z.literal(""), z.enum(codes)], message).default("");

/**
 * The recovery form: located and recovered are two moments, in either order, each optional but at
 * least one given; when the agency learned of the recovery (now when left empty); where, how and by
 * whom, the officer and case number when law enforcement found the child, the child's condition,
 * new marks, where the child is placed now and what the next packet says of this recovery.
 */
export const ZRecoverySchema = z
  .object({
    version: pageVersion,
    locatedAt: optionalWallTime("Enter when the agency learned where the child is, or leave it empty."),
    recoveredAt: optionalWallTime("Enter when the child was recovered, or leave it empty."),
    knownAt: optionalWallTime("Enter when the agency learned of the recovery, or leave it empty for now."),
    address: z._default(optionalText(300), ""),
    city: z._default(optionalText(100), ""),
    state: optionalCode(
      US_STATES.map((state) => state.code) as [string, ...string[]],
      "Choose the state from the list.",
    ),
    placeKind: optionalCode(codesOf(RECOVERY_PLACE_KINDS), "Choose the kind of place from the list."),
    outOfState: z.boolean("Say whether the child was found in another state.").default(false),
    recoveredBy: optionalCode(codesOf(RECOVERED_BY), "Choose how the child came back from the list."),
    officerName: z._default(optionalText(200), ""),
    lawEnforcementCaseNumber: z._default(optionalText(100), ""),
    condition: z._default(longText(null, 2000), ""),
    newMarks: z.array(ZMarkSchema).max(30, "Record at most 30 new marks.").default([]),
    placement: z._default(longText(null, 1000), ""),
    packetSummary: z._default(longText(null, 1000), ""),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.locatedAt === "" && value.recoveredAt === "") {
      ctx.addIssue({ code: "custom", path: ["locatedAt"], message: "Enter when the child was located, when they were recovered, or both." });
    }
    if (value.knownAt !== "" && value.recoveredAt === "") {
      ctx.addIssue({ code: "custom", path: ["recoveredAt"], message: "Enter when the child was recovered, or leave when the agency learned of it empty." });
    }
  });
export type TRecovery = z.infer<typeof ZRecoverySchema>;

/** An episode ended without a recovery: why, when, and a note. */
export const ZEndEpisodeSchema = z
  .object({
    version: pageVersion,
    reason: z.enum(codesOf(END_REASONS), "Choose why the episode ends."),
    endedAt: wallTime("Enter the date and time the episode ended."),
    note: z._default(longText(null, 2000), ""),
  })
  .strict();
export type TEndEpisode = z.infer<typeof ZEndEpisodeSchema>;
