import { z } from "zod";
import { longText, pageVersion } from "./fields";

const version = pageVersion;

/** Asking for a supervisor's review of the report (again), or approving it: an optional comment. */
export const ZReviewCommentSchema = z.object({ version, comment: z._default(longText(null, 2000), "") }).strict();
export type TReviewComment = z.infer<typeof ZReviewCommentSchema>;

/** Returning a report: the comment the caseworker will see and answer is required. */
export const ZReviewReturnSchema = z.object({ version, comment: longText("Write what the caseworker must change in the report.", 2000) }).strict();
export type TReviewReturn = z.infer<typeof ZReviewReturnSchema>;

export const CHOOSE_CASEWORKER = "Choose the caseworker who will take this case.";

/** Reassigning an episode to another caseworker of the agency, chosen from the list. */
export const ZReassignSchema = z.object({ version, caseworkerId: z.uuid(CHOOSE_CASEWORKER) }).strict();
export type TReassign = z.infer<typeof ZReassignSchema>;
